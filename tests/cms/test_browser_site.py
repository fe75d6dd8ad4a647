"""The landing sites in a real Chromium: every page type of the demo, in Swedish and
English and in both base themes, passes axe-core (no serious or critical issue);
a visitor reaches a program's sign-up by keyboard; an editor submits, a publisher
approves and the site shows it; a theme change shows on the site.

The site runs in gunicorn in another process, so what it must see is committed:
two tenants are provisioned and seeded for real here, and dropped after.
"""

import time
from contextlib import ExitStack

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django_tenants.utils import tenant_context
from wagtail.models import Site

from cms.services import EDITORS_GROUP, PUBLISHERS_GROUP
from tests.browsers import (
    axe_violations,
    chromium_launched,
    gunicorn_serving,
    page_opened,
)

pytestmark = pytest.mark.slow

PASSWORD = "s3cret-pass-123"
# slug: (demo program whose content it gets, its base theme)
SITES = {"axe-kompis": "jarfalla", "axe-calm": "kvinna"}


@pytest.fixture(scope="module")
def sites(django_db_setup, django_db_blocker):
    from cms.demo import demo_site_build
    from tenants.services.provisioning import tenant_provision

    tenants = []
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        for slug, program in SITES.items():
            tenant = tenant_provision(
                slug=slug,
                name=f"Kompis {program}",
                domain=f"{slug}.localhost",
                status="active",
            )
            with tenant_context(tenant):
                demo_site_build(tenant=tenant, program=program)
                for username, group in (
                    ("axe-redaktor", EDITORS_GROUP),
                    ("axe-publicist", PUBLISHERS_GROUP),
                ):
                    user = get_user_model().objects.create_user(
                        username=username, password=PASSWORD, is_staff=True
                    )
                    user.groups.add(Group.objects.get(name=group))
                Site.objects.update(port=80)
            tenants.append(tenant)
        connection.set_schema_to_public()
    yield tenants
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        for tenant in tenants:
            tenant.delete(force_drop=True)


@pytest.fixture(scope="module")
def base_url(sites):
    # The test settings: their password hasher made the editors' passwords.
    with gunicorn_serving(DJANGO_SETTINGS_MODULE="config.settings.test") as port:
        yield lambda slug: f"http://{slug}.localhost:{port}"


@pytest.fixture(scope="module")
def chromium(base_url):
    with chromium_launched() as browser:
        yield browser


@pytest.fixture
def page(chromium):
    with page_opened(chromium) as page:
        yield page


@pytest.fixture
def new_page(chromium):
    """Pages of people each in their own browser context, closed (and checked for
    what the CSP refused) after the test."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(page_opened(chromium))


def _sign_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(f"{url}/admin/")


PAGE_PATHS = {
    "axe-kompis": [
        "/",
        "/jarfallakompis/",
        "/nyheter/",
        "/nyheter/hostens-kompistraff-pa-jakobsbergs-bibliotek/",
        "/vanliga-fragor/",
        "/kontakt/",
        "/om-oss/",
        "/tillganglighetsredogorelse/",
        "/sok/?q=kompis",
        "/en/",
        "/en/jarfallakompis/",
        "/en/tillganglighetsredogorelse/",
    ],
    "axe-calm": ["/", "/mentorskap/", "/nyheter/", "/en/", "/en/mentorskap/"],
}


@pytest.mark.parametrize(
    ("slug", "path"),
    [(slug, path) for slug, paths in PAGE_PATHS.items() for path in paths],
)
def test_every_page_type_passes_axe(page, base_url, slug, path):
    response = page.goto(f"{base_url(slug)}{path}")

    assert response.status == 200
    expected_lang = "en" if path.startswith("/en/") else "sv"
    assert page.locator("html").get_attribute("lang") == expected_lang
    assert page.locator("main#main").count() == 1
    assert axe_violations(page) == []


def test_visitor_reaches_the_sign_up_by_keyboard_with_visible_focus(page, base_url):
    url = base_url("axe-kompis")
    page.goto(f"{url}/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.evaluate("el => el === document.activeElement")
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    teaser = page.get_by_role("link", name="Anmäl dig till JärfällaKompis")
    teaser.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/jarfallakompis/#anmalan")
    signup = page.locator("#anmalan")
    assert signup.is_visible()
    assert "Så anmäler du dig" in signup.inner_text()


def test_editor_submits_publisher_approves_and_the_site_shows_it(new_page, base_url):
    url = base_url("axe-kompis")
    editor = new_page()
    _sign_in(editor, url, "axe-redaktor")
    editor.goto(f"{url}/admin/pages/search/?q=Om+oss")
    editor.locator("a[href*='/edit/']", has_text="Om oss").first.click()
    editor.wait_for_url("**/edit/")
    edit_url = editor.url
    editor.fill("#id_title", "Om oss och våra partner")
    editor.evaluate("document.querySelector('button[name=action-submit]').click()")
    editor.wait_for_load_state()

    visitor = new_page()
    visitor.goto(f"{url}/om-oss/")
    assert "Om oss och våra partner" not in visitor.content()  # not yet approved

    publisher = new_page()
    _sign_in(publisher, url, "axe-publicist")
    publisher.goto(edit_url)
    publisher.evaluate(
        "document.querySelector('button[data-workflow-action-name=approve]').click()"
    )
    publisher.wait_for_load_state()

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        visitor.goto(f"{url}/om-oss/")
        if "Om oss och våra partner" in visitor.locator("h1").inner_text():
            break
        time.sleep(0.3)
    assert visitor.locator("h1").inner_text() == "Om oss och våra partner"


def test_a_theme_change_shows_on_the_site_and_low_contrast_is_refused(
    new_page, base_url
):
    url = base_url("axe-calm")
    publisher = new_page()
    _sign_in(publisher, url, "axe-publicist")
    publisher.goto(f"{url}/admin/settings/themes/themesettings/")
    publisher.wait_for_selector("#id_primary_colour")

    publisher.fill("#id_primary_colour", "#c8a2c8")
    publisher.locator("form button[type=submit]").last.click()
    publisher.wait_for_load_state()
    assert "#ffffff på #c8a2c8 har kontrasten" in publisher.content()

    publisher.fill("#id_primary_colour", "#004d40")
    publisher.locator("form button[type=submit]").last.click()
    publisher.wait_for_load_state()

    visitor = new_page()
    visitor.goto(f"{url}/")
    primary = visitor.evaluate(
        "getComputedStyle(document.documentElement)"
        ".getPropertyValue('--colour-primary').trim()"
    )
    assert primary == "#004d40"
    assert axe_violations(visitor) == []
