"""Browser tests: gunicorn serving the test database, Debian's Chromium driven by
Playwright, e-mail caught by a local SMTP server, axe-core injected into pages.

The site runs in another process, so what it must see is committed: a session
tenant `kvinna` (as the demo seeds it) is provisioned for real and dropped after.
"""

import pytest
from django.db import connection

from tests.browsers import (
    chromium_launched,
    gunicorn_serving,
    page_opened,
)


@pytest.fixture(scope="session")
def kvinna_site(django_db_setup, django_db_blocker):
    from django_tenants.utils import tenant_context

    from cms.demo import demo_site_seed
    from matching.demo import demo_programs_seed
    from tenants.demo import ORGANISATIONS, TENANTS
    from tenants.services.partners import partner_organisation_upsert, partnership_add
    from tenants.services.provisioning import tenant_provision

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        tenant = tenant_provision(
            slug="kvinna",
            name="Kv(in)na",
            domain="kvinna.localhost",
            kind="partnership",
            status="active",
        )
        # As `make demo` seeds it: its partners, the program, then the landing site.
        for key in TENANTS["kvinna"][3]:
            name, number, role = ORGANISATIONS[key]
            partnership_add(
                tenant=tenant,
                organisation=partner_organisation_upsert(
                    name=name, organisation_number=number, role=role
                ),
            )
        with tenant_context(tenant):
            demo_programs_seed(tenant=tenant, port=80)
            demo_site_seed(tenant=tenant, port=80)
        connection.set_schema_to_public()
    yield tenant
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)


@pytest.fixture(scope="session")
def live_port(kvinna_site, mailbox):
    with gunicorn_serving(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="False",
        EMAIL_URL=f"smtp://127.0.0.1:{mailbox.port}",
        REGISTRATION_THROTTLE_RATE="",
    ) as port:
        yield port


@pytest.fixture(scope="module")
def browser(live_port):
    with chromium_launched() as browser:
        yield browser


@pytest.fixture
def page(browser):
    with page_opened(browser) as page:
        yield page
