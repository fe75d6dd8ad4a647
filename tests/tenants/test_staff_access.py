"""Staff sign-in and API access: failed sign-ins lock an account for the address
they came from (Wagtail admin, operator console, Django admin, token endpoint),
administrators unlock; API tokens are stored as hashes, expire, are issued only to
the API's roles, listed and revoked by their owner and the administrators."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context
from knox.models import AuthToken

from cms.services import EDITORS_GROUP
from matching.roles import ADMINISTRATORS, COORDINATORS
from tenants.models import Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import (
    PASSWORD,
    authenticator_code,
    operator_user,
    signed_in,
    staff_user,
)

PUBLIC_HOST = "localhost"
OFFICE = "192.0.2.10"
ELSEWHERE = "198.51.100.7"


def _try(path, username, host, address, password=PASSWORD):
    """One sign-in attempt from `address`, in a browser of its own."""
    return Client().post(
        path,
        {"username": username, "password": password},
        HTTP_HOST=host,
        REMOTE_ADDR=address,
    )


def _fail(path, username, host, address, times):
    for _ in range(times):
        _try(path, username, host, address, password="wrong-password-1")


def test_failed_admin_sign_ins_lock_the_account_for_that_address(alpha):
    user = staff_user(alpha, group=COORDINATORS, username="kim")
    limit = settings.AXES_FAILURE_LIMIT

    _fail("/admin/login/", "kim", ALPHA_HOST, OFFICE, limit)
    locked = _try("/admin/login/", "kim", ALPHA_HOST, OFFICE)

    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert "_auth_user_id" not in locked.wsgi_request.session
    # The same account from another address still signs in: nobody can lock a
    # coordinator out from elsewhere.
    other = _try("/admin/login/", user.username, ALPHA_HOST, ELSEWHERE)
    assert other.status_code == 302


def test_a_lock_in_one_tenant_does_not_lock_the_same_name_in_another(alpha, beta):
    staff_user(alpha, group=COORDINATORS, username="kim")
    staff_user(beta, group=COORDINATORS, username="kim")
    _fail("/admin/login/", "kim", ALPHA_HOST, OFFICE, 6)

    on_beta = _try("/admin/login/", "kim", BETA_HOST, OFFICE)
    assert on_beta.status_code == 302


def test_an_administrator_sees_and_unlocks_a_locked_sign_in(alpha, beta):
    staff_user(alpha, group=COORDINATORS, username="kim")
    _fail("/admin/login/", "kim", ALPHA_HOST, OFFICE, 6)
    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    beta_admin = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)

    page = admin.get("/admin/lasta-inloggningar/", HTTP_HOST=ALPHA_HOST)
    assert page.status_code == 200 and "kim" in page.content.decode()
    assert (
        "kim"
        not in beta_admin.get(
            "/admin/lasta-inloggningar/", HTTP_HOST=BETA_HOST
        ).content.decode()
    )
    refused = coordinator.get("/admin/lasta-inloggningar/", HTTP_HOST=ALPHA_HOST)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    attempt_id = page.context["page"].object_list[0].pk
    # Another tenant's administrator cannot unlock it by its id.
    beta_admin.post(
        "/admin/lasta-inloggningar/", {"unlock": attempt_id}, HTTP_HOST=BETA_HOST
    )
    with tenant_context(alpha):
        from axes.models import AccessAttempt

        assert AccessAttempt.objects.filter(pk=attempt_id).exists()

    admin.post(
        "/admin/lasta-inloggningar/", {"unlock": attempt_id}, HTTP_HOST=ALPHA_HOST
    )

    again = _try("/admin/login/", "kim", ALPHA_HOST, OFFICE)
    assert again.status_code == 302


def test_the_operator_console_locks_out_too(db):
    operator_user("anna")
    _fail("/operator/login/", "anna", PUBLIC_HOST, OFFICE, 5)

    locked = _try("/operator/login/", "anna", PUBLIC_HOST, OFFICE)
    assert locked.status_code == 429
    django_admin = _try("/operator/admin/login/", "anna", PUBLIC_HOST, OFFICE)
    assert django_admin.status_code == 429


def test_the_token_endpoint_locks_out_with_a_json_answer(alpha):
    staff_user(alpha, group=COORDINATORS, username="kim")
    _fail("/api/v1/staff/token/", "kim", ALPHA_HOST, OFFICE, 5)

    locked = _try("/api/v1/staff/token/", "kim", ALPHA_HOST, OFFICE)
    assert locked.status_code == 429
    assert "detail" in locked.json()
    with tenant_context(alpha):
        assert not AuthToken.objects.exists()


def _token(client, username, host=ALPHA_HOST, address=OFFICE):
    with tenant_context(alpha_tenant := Tenant.objects.get(slug="alpha")):
        user = get_user_model().objects.get(username=username)
    return client.post(
        "/api/v1/staff/token/",
        {
            "username": username,
            "password": PASSWORD,
            "otp": authenticator_code(user, tenant=alpha_tenant),
        },
        HTTP_HOST=host,
        REMOTE_ADDR=address,
    )


def test_a_token_is_stored_only_as_a_hash_and_expires(alpha, beta, client):
    staff_user(alpha, group=COORDINATORS, username="kim")

    issued = _token(client, "kim").json()

    with tenant_context(alpha):
        row = AuthToken.objects.get()
        stored = json.dumps(list(AuthToken.objects.values()), default=str)
    assert issued["token"] not in stored
    assert row.digest != issued["token"] and len(row.digest) == 128
    assert timedelta(days=89) < row.expiry - timezone.now() <= timedelta(days=90)
    auth = {"HTTP_AUTHORIZATION": f"Token {issued['token']}", "HTTP_HOST": ALPHA_HOST}
    assert client.get("/api/v1/staff/participants/", **auth).status_code == 200
    # Not on another tenant's host.
    on_beta = client.get(
        "/api/v1/staff/participants/",
        HTTP_AUTHORIZATION=f"Token {issued['token']}",
        HTTP_HOST=BETA_HOST,
    )
    assert on_beta.status_code == 401


def test_an_expired_token_no_longer_works(alpha, client):
    staff_user(alpha, group=COORDINATORS, username="kim")
    token = _token(client, "kim").json()["token"]
    with tenant_context(alpha):
        AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))

    response = client.get(
        "/api/v1/staff/participants/",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 401


@pytest.mark.parametrize("group", [EDITORS_GROUP, "Remittenter"])
def test_roles_that_do_not_use_the_api_get_no_token(alpha, client, group):
    staff_user(alpha, group=group, username="eva")

    response = _token(client, "eva")

    assert response.status_code == 403
    assert "API" in response.json()["detail"]
    with tenant_context(alpha):
        assert not AuthToken.objects.exists()


def test_a_token_stops_working_when_its_holder_leaves_the_api_roles(alpha, client):
    user = staff_user(alpha, group=COORDINATORS, username="kim")
    token = _token(client, "kim").json()["token"]
    with tenant_context(alpha):
        user.groups.clear()

    response = client.get(
        "/api/v1/staff/participants/",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 401


def test_owners_and_administrators_list_and_revoke_tokens(alpha, client):
    staff_user(alpha, group=COORDINATORS, username="kim")
    staff_user(alpha, group=COORDINATORS, username="lo")
    kim = _token(client, "kim").json()
    lo = _token(client, "lo").json()
    kim_auth = {"HTTP_AUTHORIZATION": f"Token {kim['token']}", "HTTP_HOST": ALPHA_HOST}

    listed = client.get("/api/v1/staff/tokens/", **kim_auth).json()
    assert [t["key"] for t in listed] == [kim["key"]]
    # Kim cannot revoke Lo's token.
    assert (
        client.delete(f"/api/v1/staff/tokens/{lo['key']}/", **kim_auth).status_code
        == 404
    )

    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    page = admin.get("/admin/api-nycklar/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "kim" in page and "lo" in page and kim["token"] not in page
    admin.post("/admin/api-nycklar/", {"revoke": lo["key"]}, HTTP_HOST=ALPHA_HOST)

    lo_auth = {"HTTP_AUTHORIZATION": f"Token {lo['token']}", "HTTP_HOST": ALPHA_HOST}
    assert client.get("/api/v1/staff/tokens/", **lo_auth).status_code == 401
    assert (
        client.delete(f"/api/v1/staff/tokens/{kim['key']}/", **kim_auth).status_code
        == 204
    )
    assert client.get("/api/v1/staff/tokens/", **kim_auth).status_code == 401


def test_a_coordinator_creates_a_token_in_the_admin_and_sees_it_once(alpha):
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)

    created = coordinator.post(
        "/admin/api-nycklar/", {"issue": ""}, HTTP_HOST=ALPHA_HOST
    )
    token = created.context["new_token"]
    assert token and token in created.content.decode()
    assert (
        token
        not in coordinator.get(
            "/admin/api-nycklar/", HTTP_HOST=ALPHA_HOST
        ).content.decode()
    )
    editor = signed_in(alpha, ALPHA_HOST, group=EDITORS_GROUP)
    refused = editor.get("/admin/api-nycklar/", HTTP_HOST=ALPHA_HOST)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_the_token_endpoint_is_throttled_per_address(alpha):
    # Different accounts each time (no lock-out): DRF's "token" throttle, 10 a
    # minute per address, still stops the eleventh try.
    answers = [
        Client()
        .post(
            "/api/v1/staff/token/",
            {"username": f"gissning{n}", "password": "wrong-password-1"},
            HTTP_HOST=ALPHA_HOST,
            REMOTE_ADDR=ELSEWHERE,
        )
        .status_code
        for n in range(11)
    ]
    assert answers[:10] == [400] * 10
    assert answers[10] == 429
