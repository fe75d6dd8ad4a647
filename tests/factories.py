"""Staff users made the way production makes them: a user of the tenant's schema
added to a group that provisioning gave the tenant (copied from the template)."""

import time
from contextlib import nullcontext

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django_tenants.utils import tenant_context

from cms.services import EDITORS_GROUP, PUBLISHERS_GROUP
from matching.roles import ADMINISTRATORS, COORDINATORS, REFERRERS
from tenants.mfa.policy import mfa_applies

PASSWORD = "pw-123456789"
ROLES = {
    "coordinator": COORDINATORS,
    "editor": EDITORS_GROUP,
    "publisher": PUBLISHERS_GROUP,
    "referrer": REFERRERS,
    "administrator": ADMINISTRATORS,
}


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.se")
    is_staff = True

    @factory.post_generation
    def password(user, create, value, **kwargs):
        user.set_password(value or PASSWORD)
        if create:
            user.save(update_fields=["password"])

    @factory.post_generation
    def group(user, create, name, **kwargs):
        if create and name:
            # The group must exist already: tests must not make roles of their own.
            user.groups.add(Group.objects.get(name=name))


def staff_user(tenant, *, group: str, username: str | None = None):
    """A member of `group` (e.g. COORDINATORS) in `tenant`'s schema."""
    with tenant_context(tenant):
        kwargs = {"group": group}
        if username:
            kwargs["username"] = username
        return StaffUserFactory(**kwargs)


def signed_in(tenant, host: str, *, group: str, username: str | None = None) -> Client:
    """A browser signed in to `host`'s admin as a new member of `group`."""
    user = staff_user(tenant, group=group, username=username)
    client = Client()
    response = client.post(
        "/admin/login/",
        {"username": user.username, "password": PASSWORD},
        HTTP_HOST=host,
    )
    assert response.status_code == 302, f"{user.username} could not sign in"
    with tenant_context(tenant):
        needs_second_step = mfa_applies(user, tenant=tenant)
    if needs_second_step:
        second_step_passed(client, user, host, tenant=tenant)
    return client


def authenticator_code(user, *, tenant=None) -> str:
    """The code `user`'s authenticator app shows now (the app set up first if
    it is not: a confirmed TOTP device in the user's schema). A code is good
    once, so a second one within the same 30 s is the next step's."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with tenant_context(tenant) if tenant is not None else nullcontext():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app")
        now_step = int((time.time() - device.t0) // device.step)
        drift = max(
            0, (device.last_t if device.last_t is not None else -1) + 1 - now_step
        )
        code = totp(device.bin_key, step=device.step, t0=device.t0, drift=drift)
    return f"{code:0{device.digits}d}"


def second_step_passed(client: Client, user, host: str, *, tenant=None) -> None:
    """Pass two-step sign-in as a person does, with the app's code."""
    response = client.post(
        "/mfa/", {"code": authenticator_code(user, tenant=tenant)}, HTTP_HOST=host
    )
    assert response.status_code == 302, f"{user} did not pass the second step"


def client_of(user, host: str | None = None) -> Client:
    """A browser already signed in as `user` (made by a factory in a group),
    talking to `host` unless a request names another."""
    client = Client(**({"HTTP_HOST": host} if host else {}))
    client.force_login(user)
    if host and user.is_staff:
        second_step_passed(client, user, host)
    return client


def api_token(user) -> str:
    """A staff API token of `user`, made in the active schema as the token
    endpoint makes it (only its hash is stored)."""
    from tenants.staff_access.api_tokens import api_token_issue

    return api_token_issue(user=user)[1]


def operator_user(username: str = "anna"):
    """Operator staff in the public schema, a member of the group production
    gives them (made by migrate_platform; here by the session's role sync)."""
    from tenants.roles import OPERATORS

    user = get_user_model().objects.create_user(
        username, f"{username}@example.se", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=OPERATORS))
    return user


def operator_signed_in(username: str = "anna") -> Client:
    """A browser signed in to the operator console (public host) as a new member
    of the operator group, past the second step operators always need."""
    from django.db import connection

    connection.set_schema_to_public()
    user = operator_user(username)
    client = Client()
    client.post(
        "/operator/login/",
        {"username": username, "password": PASSWORD},
        HTTP_HOST="localhost",
    )
    second_step_passed(client, user, "localhost")
    return client
