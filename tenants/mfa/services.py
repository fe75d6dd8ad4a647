"""Setting up and passing the second step: a TOTP device confirmed by a first
code, ten single-use recovery codes, and verification against either."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.errors import ApplicationError

RECOVERY_CODES = 10
DEVICE_NAME = "Authenticator app"


def mfa_is_set_up(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_pending(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user, made once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(user, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the pending device with a code from the app: the device and the
    recovery codes (shown once), or None if the code is wrong."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .first()
        )
        if device is None or not device.verify_token(code.strip()):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        recovery = StaticDevice.objects.create(user=user, name="Recovery codes")
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(
            StaticToken(device=recovery, token=code) for code in codes
        )
    return device, codes


def mfa_verify(user, code: str):
    """The device that accepts `code` (an app's code or an unused recovery code,
    which is then spent), or None. django-otp throttles repeated failures."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None


def second_step_refusal(user, *, tenant, code: str) -> str:
    """Why a sign-in outside the browser (the API's token endpoint) is refused
    for want of the second step, or "" when it may go on."""
    from tenants.mfa.policy import mfa_applies

    if not mfa_applies(user, tenant=tenant):
        return ""
    if not mfa_is_set_up(user):
        return _(
            "Your role needs two-step sign-in: sign in to the admin in a browser "
            "and set it up first."
        )
    if mfa_verify(user, code) is None:
        return _(
            "Your role needs two-step sign-in: send the code from your "
            "authenticator app as otp."
        )
    return ""


def mfa_reset(user) -> None:
    """Remove `user`'s app and recovery codes: they set it up again at their
    next sign-in (an administrator does this when a phone is lost)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def mfa_users():
    """The staff who have two-step sign-in set up, by username."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(totpdevice__confirmed=True)
        .distinct()
        .order_by("username")
    )


def tenant_mfa_policy_set(*, tenant, policy: str, actor: str) -> None:
    """The tenant's choice of who must use two-step sign-in, audited."""
    from tenants.models import AuditLogEntry, MfaPolicy, Tenant

    if policy not in MfaPolicy.values:
        raise ApplicationError(_("Choose one of the options."))
    with transaction.atomic():
        before = (
            Tenant.objects.select_for_update()
            .values_list("mfa_policy", flat=True)
            .get(pk=tenant.pk)
        )
        Tenant.objects.filter(pk=tenant.pk).update(mfa_policy=policy)
        if before != policy:
            AuditLogEntry.objects.create(
                action=AuditLogEntry.Action.MFA_POLICY_CHANGED,
                actor_username=actor,
                tenant=tenant,
                detail={"from": before, "to": policy},
            )
    tenant.mfa_policy = policy
