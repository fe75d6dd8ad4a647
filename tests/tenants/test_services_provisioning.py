from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists, tenant_context
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from config.errors import ApplicationError
from tenants.models import AuditLogEntry, Domain, Tenant
from tenants.services import provisioning
from tenants.services.provisioning import tenant_provision
from tenants.validators import HOST_INVALID, SLUG_INVALID, SLUG_RESERVED
from themes.models import ThemeSettings


def test_provision_makes_a_working_tenant(db):
    tenant = tenant_provision(
        slug="nacka", name="NackaKompis", domain="nacka.example.se"
    )

    assert tenant.schema_ready
    assert tenant.schema_name == "nacka"
    assert schema_exists("nacka")
    assert Domain.objects.get(domain="nacka.example.se").tenant == tenant
    with tenant_context(tenant):
        site = Site.objects.get()
        assert site.hostname == "nacka.example.se"
        assert site.is_default_site
        home = site.root_page.specific
        assert isinstance(home, HomePage)
        assert home.title == "NackaKompis"
        assert home.live
        assert ThemeSettings.objects.get(site=site).primary_colour
        assert get_user_model().objects.count() == 0
    entry = AuditLogEntry.objects.get(tenant=tenant)
    assert entry.action == AuditLogEntry.Action.TENANT_PROVISIONED
    # A new tenant is on trial for TRIAL_DAYS (30 by default).
    assert tenant.status == "trial"
    assert tenant.trial_ends_at == timezone.localdate() + timedelta(days=30)


def test_provision_defaults_the_domain_to_the_platform_suffix(db):
    tenant = tenant_provision(slug="salem", name="Salem")
    assert (
        tenant.domains.get().domain == f"salem{settings.PLATFORM_TENANT_DOMAIN_SUFFIX}"
    )


@pytest.mark.parametrize(
    ("slug", "domain", "message"),
    [
        ("Bad Slug", None, SLUG_INVALID),
        ("x", None, SLUG_INVALID),
        ("ends-", None, SLUG_INVALID),
        ("public", None, SLUG_RESERVED.format(slug="public")),
        ("alpha", "alpha2.localhost", provisioning.SLUG_TAKEN.format(slug="alpha")),
        (
            "gamma",
            "alpha.localhost",
            provisioning.DOMAIN_TAKEN.format(host="alpha.localhost"),
        ),
        ("gamma", "localhost", HOST_INVALID.format(host="localhost")),
        ("gamma", "exa mple.se", HOST_INVALID.format(host="exa mple.se")),
        ("gamma", "-bad.example.se", HOST_INVALID.format(host="-bad.example.se")),
    ],
)
def test_provision_refuses_bad_input_and_leaves_nothing(db, slug, domain, message):
    tenants_before = Tenant.objects.count()

    with pytest.raises(ApplicationError) as error:
        tenant_provision(slug=slug, name="Gamma", domain=domain)

    assert error.value.message == message
    assert Tenant.objects.count() == tenants_before
    assert not schema_exists("gamma")


def test_provision_refuses_an_empty_name(db):
    with pytest.raises(ApplicationError) as error:
        tenant_provision(slug="gamma", name="   ")
    assert error.value.message == provisioning.NAME_REQUIRED


def _failing_hook(**kwargs):
    raise RuntimeError("site set-up failed")


@override_settings(
    PLATFORM_TENANT_HOOKS={
        **settings.PLATFORM_TENANT_HOOKS,
        "tenant": ["cms.services.site_initialise", f"{__name__}._failing_hook"],
    }
)
def test_a_failure_half_way_leaves_no_schema_and_no_rows(db):
    with pytest.raises(RuntimeError):
        tenant_provision(slug="gamma", name="Gamma", domain="gamma.localhost")

    assert not Tenant.objects.filter(slug="gamma").exists()
    assert not Domain.objects.filter(domain="gamma.localhost").exists()
    assert not schema_exists("gamma")


def test_command_provisions_and_reports(db, capsys):
    call_command(
        "provision_tenant",
        "huddinge",
        "--name",
        "HuddingeKompis",
        "--kind",
        "municipality",
    )
    assert "Provisioned HuddingeKompis" in capsys.readouterr().out
    assert Tenant.objects.get(slug="huddinge").kind == Tenant.Kind.MUNICIPALITY


def test_command_fails_with_a_clear_message_on_a_taken_slug(db):
    with pytest.raises(CommandError, match="används redan"):
        call_command("provision_tenant", "alpha", "--name", "Again")


def test_template_holds_root_and_locale_but_no_users_or_sites(db):
    with schema_context(settings.TENANT_BASE_SCHEMA):
        assert Page.objects.filter(depth=1).count() == 1
        assert Page.objects.count() == 1
        assert Locale.objects.exists()
        assert not Site.objects.exists()
        assert get_user_model().objects.count() == 0


def test_only_schemas_lacking_a_migration_are_pending(alpha, beta):
    from django.db import connection

    from tenants.services.schemas import tenant_schemas_pending_migrations

    assert tenant_schemas_pending_migrations(schemas=["alpha", "beta"]) == []
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM alpha.django_migrations"
            " WHERE app = 'cms' AND name = '0001_initial'"
        )
    assert tenant_schemas_pending_migrations(schemas=["alpha", "beta"]) == ["alpha"]
