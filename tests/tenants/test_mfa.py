"""Two-step sign-in (django-otp TOTP with recovery codes): required of the
operator's staff; of a tenant's staff as its policy says, by default those who
see personal data; devices live in each schema; support sessions and the API's
token endpoint keep to it."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import tenant_context

from cms.services import EDITORS_GROUP
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST, PUBLIC_HOST
from tests.factories import PASSWORD, operator_user, second_step_passed, staff_user


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"


def _sign_in(host: str, username: str, path: str) -> Client:
    client = Client()
    response = client.post(
        path, {"username": username, "password": PASSWORD}, HTTP_HOST=host
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def operator(db):
    return operator_user("anna")


def test_an_operator_sets_up_the_second_step_before_the_console(operator):
    browser = _sign_in(PUBLIC_HOST, "anna", "/operator/login/")

    sent = browser.get("/operator/", HTTP_HOST=PUBLIC_HOST)
    assert sent["Location"] == "/mfa/installera/?next=%2Foperator%2F"
    setup = browser.get(sent["Location"], HTTP_HOST=PUBLIC_HOST)
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=operator, confirmed=False)

    wrong = browser.post(
        "/mfa/installera/",
        {"code": "000000", "next": "/operator/"},
        HTTP_HOST=PUBLIC_HOST,
    )
    assert wrong.status_code == 400 and 'role="alert"' in wrong.content.decode()
    time.sleep(1.1)  # django-otp holds the device a moment after a wrong code
    done = browser.post(
        "/mfa/installera/",
        {"code": _code(device), "next": "/operator/"},
        HTTP_HOST=PUBLIC_HOST,
    )
    codes = re.findall(r"<code>([a-z0-9]+)</code>", done.content.decode())
    assert len(codes) == 10
    assert browser.get("/operator/", HTTP_HOST=PUBLIC_HOST).status_code == 200

    # Next time: the code, or a recovery code, once.
    again = _sign_in(PUBLIC_HOST, "anna", "/operator/login/")
    assert again.get("/operator/", HTTP_HOST=PUBLIC_HOST)["Location"].startswith(
        "/mfa/?next="
    )
    assert (
        again.post("/mfa/", {"code": codes[0]}, HTTP_HOST=PUBLIC_HOST).status_code
        == 302
    )
    assert again.get("/operator/", HTTP_HOST=PUBLIC_HOST).status_code == 200
    third = _sign_in(PUBLIC_HOST, "anna", "/operator/login/")
    assert (
        third.post("/mfa/", {"code": codes[0]}, HTTP_HOST=PUBLIC_HOST).status_code
        == 400
    )
    assert third.get("/operator/", HTTP_HOST=PUBLIC_HOST).status_code == 302


def test_the_django_admin_of_the_console_needs_the_second_step_too(operator):
    browser = _sign_in(PUBLIC_HOST, "anna", "/operator/login/")
    response = browser.get("/operator/admin/", HTTP_HOST=PUBLIC_HOST)
    assert response["Location"].startswith("/mfa/installera/")


def test_by_default_coordinators_need_it_and_editors_do_not(alpha):
    staff_user(alpha, group=COORDINATORS, username="kim")
    staff_user(alpha, group=EDITORS_GROUP, username="eva")

    kim = _sign_in(ALPHA_HOST, "kim", "/admin/login/")
    eva = _sign_in(ALPHA_HOST, "eva", "/admin/login/")

    assert kim.get("/admin/", HTTP_HOST=ALPHA_HOST)["Location"].startswith(
        "/mfa/installera/"
    )
    assert eva.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200


def test_a_tenant_can_require_it_of_all_staff(alpha):
    alpha.mfa_policy = "all_staff"
    alpha.save(update_fields=["mfa_policy"])
    staff_user(alpha, group=EDITORS_GROUP, username="eva")

    eva = _sign_in(ALPHA_HOST, "eva", "/admin/login/")

    assert eva.get("/admin/", HTTP_HOST=ALPHA_HOST)["Location"].startswith("/mfa/")


def test_a_device_counts_only_in_its_own_tenant(alpha, beta):
    kim_alpha = staff_user(alpha, group=COORDINATORS, username="kim")
    staff_user(beta, group=COORDINATORS, username="kim")
    on_alpha = _sign_in(ALPHA_HOST, "kim", "/admin/login/")
    second_step_passed(on_alpha, kim_alpha, ALPHA_HOST, tenant=alpha)
    assert on_alpha.get("/admin/", HTTP_HOST=ALPHA_HOST).status_code == 200

    on_beta = _sign_in(BETA_HOST, "kim", "/admin/login/")
    # Beta's kim has no device: set it up there, alpha's is not theirs.
    assert on_beta.get("/admin/", HTTP_HOST=BETA_HOST)["Location"].startswith(
        "/mfa/installera/"
    )
    with tenant_context(beta):
        assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_the_token_endpoint_asks_for_the_code(alpha, client):
    kim = staff_user(alpha, group=COORDINATORS, username="kim")
    credentials = {"username": "kim", "password": PASSWORD}

    not_set_up = client.post("/api/v1/staff/token/", credentials, HTTP_HOST=ALPHA_HOST)
    assert not_set_up.status_code == 403
    assert "två" in not_set_up.json()["detail"].lower()

    with tenant_context(alpha):
        device = TOTPDevice.objects.create(user=kim, name="app")
    without = client.post("/api/v1/staff/token/", credentials, HTTP_HOST=ALPHA_HOST)
    assert without.status_code == 403
    with_code = client.post(
        "/api/v1/staff/token/",
        {**credentials, "otp": _code(device, drift=1)},
        HTTP_HOST=ALPHA_HOST,
    )
    assert with_code.status_code == 200 and with_code.json()["token"]


def test_an_administrator_resets_a_lost_phone(alpha, beta):
    from matching.roles import ADMINISTRATORS
    from tests.factories import signed_in

    kim = staff_user(alpha, group=COORDINATORS, username="kim")
    second_step_passed(
        _sign_in(ALPHA_HOST, "kim", "/admin/login/"), kim, ALPHA_HOST, tenant=alpha
    )
    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    beta_admin = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)

    page = admin.get("/admin/tvastegsinloggning/", HTTP_HOST=ALPHA_HOST)
    assert "kim" in page.content.decode()
    beta_admin.post(
        "/admin/tvastegsinloggning/", {"reset": kim.pk}, HTTP_HOST=BETA_HOST
    )
    with tenant_context(alpha):
        assert TOTPDevice.objects.filter(user=kim, confirmed=True).exists()

    admin.post("/admin/tvastegsinloggning/", {"reset": kim.pk}, HTTP_HOST=ALPHA_HOST)

    with tenant_context(alpha):
        assert not TOTPDevice.objects.filter(user=kim).exists()
    again = _sign_in(ALPHA_HOST, "kim", "/admin/login/")
    assert again.get("/admin/", HTTP_HOST=ALPHA_HOST)["Location"].startswith(
        "/mfa/installera/"
    )


def test_administrators_choose_who_needs_it_and_the_change_is_audited(alpha, beta):
    from matching.roles import ADMINISTRATORS
    from tenants.models import AuditLogEntry, Tenant
    from tests.factories import signed_in

    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)

    admin.post(
        "/admin/tvastegsinloggning/", {"policy": "all_staff"}, HTTP_HOST=ALPHA_HOST
    )
    refused = coordinator.post(
        "/admin/tvastegsinloggning/", {"policy": "none"}, HTTP_HOST=ALPHA_HOST
    )
    bad = admin.post(
        "/admin/tvastegsinloggning/", {"policy": "whenever"}, HTTP_HOST=ALPHA_HOST
    )

    assert refused.status_code == 302 and bad.status_code == 302
    assert Tenant.objects.get(pk=alpha.pk).mfa_policy == "all_staff"
    assert Tenant.objects.get(pk=beta.pk).mfa_policy == "personal_data"
    entry = AuditLogEntry.objects.get(action="mfa_policy_changed", tenant=alpha)
    assert entry.detail == {"from": "personal_data", "to": "all_staff"}
