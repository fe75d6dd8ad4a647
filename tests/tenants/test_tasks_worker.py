"""A real Celery worker, against Redis, refreshes usage in the right tenant's schema."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import tenant_context
from wagtail.models import Page

from tenants.models import Tenant, TenantUsage
from tests.workers import broker, wait_for, worker

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL)"
    ),
]


def _broker_url() -> str:
    # A database of its own, so a stray queue from another run cannot interfere.
    return os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/14"


def test_worker_refreshes_each_ready_tenant_in_its_own_schema(
    django_db_setup, django_db_blocker
):
    from tenants.selectors import tenants_ready
    from tenants.tasks import tenant_usage_refresh_all

    url = _broker_url()
    with django_db_blocker.unblock(), broker(url), worker(url) as process:
        connection.set_schema_to_public()
        try:
            # A tenant whose schema is not ready (no schema at all): beat skips it.
            Tenant.objects.create(
                slug="halfmade", name="Half made", schema_name="halfmade"
            )
            alpha = Tenant.objects.get(slug="alpha")
            beta = Tenant.objects.get(slug="beta")
            with tenant_context(alpha):
                alpha_pages = Page.objects.filter(depth__gt=1).count()
                alpha_users = get_user_model().objects.count()
            with tenant_context(beta):
                get_user_model().objects.create_user("only-in-beta")
                beta_users = get_user_model().objects.count()
            assert alpha_users != beta_users

            # The beat job runs here; the per-tenant tasks it sends go through Redis.
            assert tenant_usage_refresh_all.apply().get() == tenants_ready().count()
            wait_for(
                lambda: (
                    TenantUsage.objects.filter(tenant__in=[alpha, beta]).count() == 2
                ),
                process,
            )

            usage = TenantUsage.objects.get(tenant=alpha)
            assert usage.pages == alpha_pages
            assert usage.users == alpha_users
            assert TenantUsage.objects.get(tenant=beta).users == beta_users
            assert not TenantUsage.objects.filter(tenant__slug="halfmade").exists()
        finally:
            connection.set_schema_to_public()
            TenantUsage.objects.all().delete()
            Tenant.objects.filter(slug="halfmade").delete()
            with tenant_context(Tenant.objects.get(slug="beta")):
                get_user_model().objects.filter(username="only-in-beta").delete()
