"""seed_demo fills each demo site with its program, in Swedish and English, once."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_tenants.utils import tenant_context
from wagtail.models import Page

from cms.models import HomePage, NewsPage, ProgramPage
from tenants.models import Tenant
from themes.models import ThemeSettings


def test_seed_demo_builds_each_site_once_with_real_content(db):
    call_command("seed_demo", "--port", "8000", stdout=open("/dev/null", "w"))
    counts = {}
    for tenant in Tenant.objects.exclude(schema_name="public"):
        with tenant_context(tenant):
            counts[tenant.slug] = Page.objects.count()
    call_command("seed_demo", "--port", "8000", stdout=open("/dev/null", "w"))

    for tenant in Tenant.objects.exclude(schema_name="public"):
        with tenant_context(tenant):
            assert Page.objects.count() == counts[tenant.slug], tenant.slug
    kvinna = Tenant.objects.get(slug="kvinna")
    with tenant_context(kvinna):
        program = ProgramPage.objects.get(locale__language_code="sv")
        assert program.commitment_summary == "Minst tre träffar på sex månader"
        assert NewsPage.objects.live().exists()
        assert HomePage.objects.filter(locale__language_code="en").exists()
        assert ThemeSettings.objects.get().base_theme == "calm"
        assert (
            get_user_model()
            .objects.get(username="publicist")
            .groups.filter(name="Publicister")
        )

    client = Client()
    swedish = client.get("/", HTTP_HOST="jarfalla.localhost").content.decode()
    assert "Bli kompis i Järfälla" in swedish
    assert "lorem" not in swedish.lower()
    english = client.get("/en/", HTTP_HOST="jarfalla.localhost")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en"' in html and "Become a friend in Järfälla" in html
    assert "Skip to content" in html
