"""Test tenants are made once per session, by the same cloning provisioning uses.

pytest-django creates the test database and runs `migrate` (django-tenants: the
public schema). Here we add the operator's public tenant, the template schema and
two tenants, alpha and beta; each test then runs in a transaction that is rolled
back, with the public schema active at its start.
"""

import pytest
from django.db import connection

from tenants.models import Tenant

ALPHA_HOST = "alpha.localhost"
BETA_HOST = "beta.localhost"
PUBLIC_HOST = "localhost"


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_modify_db_settings,
):
    # pytest-django's own fixture sets up only the databases that tests marked for
    # `db` ask for; tests that commit for a real worker need it too, so always.
    from django.test.utils import setup_databases, teardown_databases

    from tenants.services.provisioning import tenant_provision
    from tenants.services.schemas import (
        public_tenant_ensure,
        template_schema_sync,
        tenant_roles_sync,
    )

    with django_db_blocker.unblock():
        db_config = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=django_db_keepdb,
            aliases={"default"},
        )
        public_tenant_ensure()
        template_schema_sync(verbosity=0)
        if not Tenant.objects.filter(slug="alpha").exists():  # --reuse-db keeps them
            tenant_provision(
                slug="alpha", name="Alpha Kompis", domain=ALPHA_HOST, status="active"
            )
            tenant_provision(
                slug="beta", name="Beta Kompis", domain=BETA_HOST, status="active"
            )
        # As migrate_platform does: a reused database gets this code's groups.
        tenant_roles_sync()
        connection.set_schema_to_public()
    yield
    with django_db_blocker.unblock():
        teardown_databases(
            db_config, verbosity=request.config.option.verbose, keepdb=django_db_keepdb
        )


@pytest.fixture(scope="session")
def mailbox():
    """E-mail received by a local SMTP server (aiosmtpd) during the session."""
    from tests.mail import mailbox_start

    box = mailbox_start()
    yield box
    box.controller.stop()


@pytest.fixture(autouse=True)
def _public_schema_between_tests():
    connection.set_schema_to_public()
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _empty_cache_between_tests():
    """The database rolls back after each test; the cache (page cache included)
    must not keep what a test left in it."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def alpha(db) -> Tenant:
    return Tenant.objects.get(slug="alpha")


@pytest.fixture
def beta(db) -> Tenant:
    return Tenant.objects.get(slug="beta")


@pytest.fixture
def kvinna(alpha):
    """Kv(in)na, open, in tenant alpha; the test runs with alpha's schema active."""
    from django_tenants.utils import tenant_context

    from matching.programs.services import program_create_from_template

    with tenant_context(alpha):
        yield program_create_from_template(template_key="kvinna", status="open")
