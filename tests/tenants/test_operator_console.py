from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.models import AuditLogEntry, SupportAccess, Tenant
from tenants.services.support import LINK_EXPIRED, LINK_INVALID, LINK_USED
from tests.conftest import ALPHA_HOST, BETA_HOST, PUBLIC_HOST
from tests.factories import (
    PASSWORD,
    operator_user,
    second_step_passed,
)


@pytest.fixture
def operator(db):
    return operator_user("anna")


@pytest.fixture
def console(operator) -> Client:
    client = Client(HTTP_HOST=PUBLIC_HOST)
    response = client.post(
        "/operator/login/", {"username": "anna", "password": PASSWORD}
    )
    assert response.status_code == 302
    second_step_passed(client, operator, PUBLIC_HOST)
    return client


def test_console_requires_sign_in(client, db):
    response = client.get("/operator/", HTTP_HOST=PUBLIC_HOST)
    assert response.status_code == 302
    assert response["Location"].startswith("/operator/login/")


def test_signing_in_without_a_next_address_leads_to_the_console(operator):
    client = Client(HTTP_HOST=PUBLIC_HOST)
    response = client.post(
        "/operator/login/", {"username": "anna", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/operator/"


def test_console_refuses_users_who_are_not_staff(db):
    get_user_model().objects.create_user("visitor", password=PASSWORD)
    client = Client(HTTP_HOST=PUBLIC_HOST)
    client.post("/operator/login/", {"username": "visitor", "password": PASSWORD})
    assert client.get("/operator/").status_code == 302


def test_console_lists_tenants_with_status_and_domains(console, alpha, beta):
    body = console.get("/operator/").content.decode()
    assert "Alpha Kompis" in body and "Beta Kompis" in body
    assert ALPHA_HOST in body
    assert str(alpha.get_status_display()) in body
    filtered = console.get("/operator/", {"q": "beta"}).content.decode()
    assert "Beta Kompis" in filtered and "Alpha Kompis" not in filtered


def test_console_provisions_a_tenant(console, db):
    response = console.post(
        "/operator/tenants/new/",
        {
            "name": "Nacka Kompis",
            "slug": "nacka",
            "domain": "",
            "kind": "municipality",
            "status": "trial",
        },
    )
    assert response.status_code == 302
    tenant = Tenant.objects.get(slug="nacka")
    assert tenant.schema_ready
    assert console.get(response["Location"]).status_code == 200
    assert AuditLogEntry.objects.get(tenant=tenant).actor_username == "anna"


def test_console_shows_why_provisioning_was_refused(console, alpha):
    response = console.post(
        "/operator/tenants/new/",
        {
            "name": "Again",
            "slug": "alpha",
            "domain": "",
            "kind": "municipality",
            "status": "trial",
        },
    )
    assert response.status_code == 200
    assert "används redan av en annan kund" in response.content.decode()


def test_status_change_is_audited(console, alpha):
    console.post(f"/operator/tenants/{alpha.slug}/status/", {"status": "suspended"})
    alpha.refresh_from_db()
    assert alpha.status == "suspended"
    entry = AuditLogEntry.objects.get(action="tenant_status_changed", tenant=alpha)
    assert entry.detail == {"from": "active", "to": "suspended"}


def test_domain_alias_is_added_and_routes(console, alpha):
    console.post(
        f"/operator/tenants/{alpha.slug}/domains/", {"domain": "kompis.alpha.se"}
    )
    assert alpha.domains.filter(domain="kompis.alpha.se", is_primary=False).exists()
    body = Client().get("/", HTTP_HOST="kompis.alpha.se").content.decode()
    assert "<title>Alpha Kompis</title>" in body


def _support_link(console, tenant, minutes=30) -> str:
    response = console.post(
        f"/operator/tenants/{tenant.slug}/support/",
        {"reason": "ticket 42", "minutes": minutes},
    )
    assert response.status_code == 302
    return response["Location"]


def test_support_link_signs_the_operator_into_the_tenant_admin_once(console, alpha):
    link = _support_link(console, alpha)
    url = urlparse(link)
    assert url.hostname == ALPHA_HOST

    browser = Client()
    response = browser.get(url.path, HTTP_HOST=url.netloc)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert browser.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200
    with tenant_context(alpha):
        assert get_user_model().objects.get(username="support.anna").is_superuser

    actions = list(
        AuditLogEntry.objects.filter(tenant=alpha).values_list("action", flat=True)
    )
    assert "support_link_issued" in actions and "support_signin" in actions
    assert SupportAccess.objects.get(tenant=alpha).used_at is not None

    again = Client().get(url.path, HTTP_HOST=url.netloc)
    assert again.status_code == 403
    assert str(LINK_USED) in again.content.decode()


def test_support_link_for_one_tenant_does_not_open_another(console, alpha, beta):
    url = urlparse(_support_link(console, alpha))
    response = Client().get(url.path, HTTP_HOST=BETA_HOST)
    assert response.status_code == 403
    assert str(LINK_INVALID) in response.content.decode()
    assert Client().get("/admin/", HTTP_HOST=BETA_HOST).status_code == 302


def test_an_expired_support_link_is_refused(console, alpha):
    url = urlparse(_support_link(console, alpha))
    SupportAccess.objects.filter(tenant=alpha).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = Client().get(url.path, HTTP_HOST=ALPHA_HOST, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 403
    assert str(LINK_EXPIRED) in response.content.decode()
    refused = AuditLogEntry.objects.get(
        tenant=alpha, action=AuditLogEntry.Action.SUPPORT_SIGNIN_REFUSED
    )
    assert refused.ip_address == "192.0.2.9"
    assert refused.detail["refusal"] == str(LINK_EXPIRED)


def test_trying_unknown_support_links_is_logged(client, alpha):
    for _ in range(3):
        response = client.get("/support/signin/not-a-token/", HTTP_HOST=ALPHA_HOST)
        assert response.status_code == 403
    assert (
        AuditLogEntry.objects.filter(
            tenant=alpha, action=AuditLogEntry.Action.SUPPORT_SIGNIN_REFUSED
        ).count()
        == 3
    )


def test_a_support_session_lasts_the_time_the_operator_chose(console, alpha):
    url = urlparse(_support_link(console, alpha, minutes=15))
    browser = Client()
    response = browser.get(url.path, HTTP_HOST=url.netloc)

    max_age = int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"])
    assert 14 * 60 < max_age <= 15 * 60
    assert browser.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200
    # When the time is up the session is over, however active it was.
    with tenant_context(alpha):
        from django.contrib.sessions.models import Session

        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert browser.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 302


def test_a_support_session_longer_than_allowed_is_refused(console, alpha):
    too_long = settings.SUPPORT_SESSION_MAX_MINUTES + 1
    console.post(
        f"/operator/tenants/{alpha.slug}/support/",
        {"reason": "ticket 42", "minutes": too_long},
    )
    assert not SupportAccess.objects.exists()


def test_what_the_operator_changes_in_support_is_audited(console, alpha):
    url = urlparse(_support_link(console, alpha))
    browser = Client()
    browser.get(url.path, HTTP_HOST=url.netloc)

    browser.get("/admin/lasta-inloggningar/", HTTP_HOST=ALPHA_HOST)
    browser.post(
        "/admin/lasta-inloggningar/", {"unlock": "12345"}, HTTP_HOST=ALPHA_HOST
    )

    changes = AuditLogEntry.objects.filter(
        tenant=alpha, action=AuditLogEntry.Action.SUPPORT_CHANGE
    )
    assert [
        (c.actor_username, c.detail["method"], c.detail["path"]) for c in changes
    ] == [("anna", "POST", "/admin/lasta-inloggningar/")]
    assert "12345" not in str(changes.get().detail)  # no submitted data
    # Staff of the tenant are not audited as support.
    from matching.roles import ADMINISTRATORS
    from tests.factories import signed_in

    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    admin.post("/admin/lasta-inloggningar/", {"unlock": "1"}, HTTP_HOST=ALPHA_HOST)
    assert changes.count() == 1


def test_support_needs_a_reason(console, alpha):
    response = console.post(f"/operator/tenants/{alpha.slug}/support/", {"reason": ""})
    assert response.status_code == 302
    assert not SupportAccess.objects.exists()


def test_operator_credentials_do_not_open_a_tenant_admin(operator, alpha):
    client = Client(HTTP_HOST=ALPHA_HOST)
    response = client.post("/admin/login/", {"username": "anna", "password": PASSWORD})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_django_admin_add_tenant_goes_through_provisioning(console):
    response = console.get("/operator/admin/tenants/tenant/add/")
    assert response.status_code == 302
    assert response["Location"] == "/operator/tenants/new/"


def test_operator_add_makes_staff_of_the_group_not_a_superuser(db, monkeypatch):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from tenants.roles import OPERATORS

    monkeypatch.setattr("getpass.getpass", lambda prompt="": "ett-långt-lösenord-42")
    call_command("operator_add", "bea", "bea@example.se")

    bea = get_user_model().objects.get(username="bea")
    assert bea.is_staff and not bea.is_superuser
    assert list(bea.groups.values_list("name", flat=True)) == [OPERATORS]
    assert bea.has_perm("tenants.add_supportaccess")
    assert Group.objects.get(name=OPERATORS).permissions.count() > 10
