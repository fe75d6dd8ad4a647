"""The operator's Django admin changes a tenant's status and domains only through
the services that audit them and renew the page cache."""

import pytest
from django.test import Client

from tenants.models import AuditLogEntry, Domain, Tenant
from tests.conftest import PUBLIC_HOST
from tests.factories import (
    operator_user,
    second_step_passed,
)


@pytest.fixture
def admin_client(db) -> Client:
    anna = operator_user("anna")
    client = Client(HTTP_HOST=PUBLIC_HOST)
    client.force_login(anna)
    second_step_passed(client, anna, PUBLIC_HOST)
    return client


def _change_form(alpha) -> dict:
    return {
        "name": "Alpha Kompis",
        "kind": alpha.kind,
        "status": "suspended",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "0",
        "domains-0-domain": "evil.example.se",
        "domains-0-is_primary": "on",
    }


def test_the_change_form_cannot_set_status_or_domains(admin_client, alpha):
    url = f"/operator/admin/tenants/tenant/{alpha.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert 'name="domains-0-domain"' not in page.content.decode()

    response = admin_client.post(url, _change_form(alpha))

    assert response.status_code in (200, 302)
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE
    assert not Domain.objects.filter(domain="evil.example.se").exists()


def test_the_status_action_goes_through_the_service(admin_client, alpha):
    assert Client().get("/", HTTP_HOST="alpha.localhost").status_code == 200
    response = admin_client.post(
        "/operator/admin/tenants/tenant/",
        {"action": "status_suspended", "_selected_action": [alpha.pk]},
    )

    assert response.status_code == 302
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.SUSPENDED
    entry = AuditLogEntry.objects.get(
        tenant=alpha, action=AuditLogEntry.Action.TENANT_STATUS_CHANGED
    )
    assert entry.actor_username == "anna"
    assert entry.detail == {"from": "active", "to": "suspended"}
    # The page cache was renewed: the suspended site is not served from it.
    assert Client().get("/", HTTP_HOST="alpha.localhost").status_code != 200
