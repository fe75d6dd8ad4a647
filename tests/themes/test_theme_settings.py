"""A site's theme: refused below WCAG AA contrast, served as CSS custom properties,
one tenant's theme never shows on another's host."""

import pytest
from django_tenants.utils import tenant_context
from wagtail.models import Site

from cms.services import PUBLISHERS_GROUP
from config.errors import ApplicationError
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from themes.models import ThemeSettings
from themes.services import theme_update


def _theme(tenant) -> ThemeSettings:
    with tenant_context(tenant):
        return ThemeSettings.for_site(Site.objects.get(is_default_site=True))


def test_low_contrast_primary_is_refused_naming_the_pair_and_ratio(alpha):
    with tenant_context(alpha):
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        with pytest.raises(ApplicationError) as refused:
            theme_update(theme=theme, primary_colour="#8fb4e0")

        assert "#ffffff på #8fb4e0" in refused.value.message
        assert "2.14:1" in refused.value.message
        assert "4.50:1" in refused.value.message
        theme.refresh_from_db()
        assert theme.primary_colour == "#1d4f91"


def test_accent_needs_only_the_large_text_minimum(alpha):
    with tenant_context(alpha):
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        # #8a8a8a with dark text: 3.2:1, enough for large text and controls.
        theme_update(theme=theme, accent_colour="#8a8a8a")
        with pytest.raises(ApplicationError) as refused:
            theme_update(theme=theme, accent_colour="#555555")
    assert "Stor text och kontroller på accentfärgen" in refused.value.message


def test_calm_theme_checks_links_against_its_own_background(alpha):
    with tenant_context(alpha):
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        # #727272 passes on white (4.81:1) but not on Calm's off-white (4.34:1).
        theme_update(theme=theme, primary_colour="#727272")
        with pytest.raises(ApplicationError) as refused:
            theme_update(theme=theme, base_theme="calm")
    assert "#f6f3ee" in refused.value.message


def test_admin_refuses_low_contrast_and_keeps_the_saved_theme(alpha):
    # Publicister own the theme (cms.services.editorial_groups_ensure).
    client = signed_in(alpha, ALPHA_HOST, group=PUBLISHERS_GROUP)
    with tenant_context(alpha):
        site_id = Site.objects.get(is_default_site=True).pk
    url = f"/admin/settings/themes/themesettings/{site_id}/"
    form = {
        "base_theme": "kompis",
        "primary_colour": "#1d4f91",
        "accent_colour": "#333333",
        "font": "system",
    }

    refused = client.post(url, form, HTTP_HOST=ALPHA_HOST)

    assert refused.status_code == 200
    assert "#1a1a1a på #333333 har kontrasten 1.37:1" in refused.content.decode()
    assert _theme(alpha).accent_colour == "#f2b705"

    saved = client.post(url, {**form, "accent_colour": "#9ad1d4"}, HTTP_HOST=ALPHA_HOST)
    assert saved.status_code == 302
    assert _theme(alpha).accent_colour == "#9ad1d4"


def test_theme_is_served_as_custom_properties_on_its_own_host_only(client, alpha, beta):
    with tenant_context(alpha):
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        theme_update(
            theme=theme, base_theme="calm", primary_colour="#6b2c6f", font="serif"
        )

    alpha_html = client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()
    beta_html = client.get("/", HTTP_HOST=BETA_HOST).content.decode()

    assert "--colour-primary:#6b2c6f" in alpha_html
    assert "themes/css/calm.css" in alpha_html and 'class="theme-calm' in alpha_html
    assert "Charter" in alpha_html
    assert "#6b2c6f" not in beta_html
    assert "--colour-primary:#1d4f91" in beta_html
    assert "themes/css/kompis.css" in beta_html
