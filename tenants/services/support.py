"""Operator support access: one-time, short-lived links into a tenant's admin."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from config.one_time_tokens import (
    TokenRefusals,
    one_time_token_new,
    one_time_token_spend,
)
from tenants.models import AuditLogEntry, SupportAccess, Tenant

REASON_REQUIRED = _(
    "Say why you need access (at most 300 characters); it goes in the audit log."
)
TENANT_NOT_READY = _("The tenant {name} is not ready yet.")
LINK_INVALID = _(
    "This sign-in link is not valid. Ask for a new one from the operator console."
)
LINK_USED = _("This sign-in link has already been used. Ask for a new one.")
LINK_EXPIRED = _("This sign-in link has expired. Ask for a new one.")

REFUSALS = TokenRefusals(invalid=LINK_INVALID, used=LINK_USED, expired=LINK_EXPIRED)

SUPPORT_USERNAME_PREFIX = "support."


SESSION_TOO_LONG = _("A support session lasts at most {minutes} minutes.")


def support_link_issue(
    *,
    operator,
    tenant: Tenant,
    reason: str,
    minutes: int = 30,
    ip_address: str | None = None,
) -> str:
    """Record a support access for `operator` into `tenant` and return its token.

    Only the token's hash is stored; the token itself travels once, in the link.
    The session it opens lasts `minutes`, the operator's stated need.
    """
    reason = (reason or "").strip()
    if not reason or len(reason) > 300:
        raise ApplicationError(REASON_REQUIRED, {"field": "reason"})
    if not 1 <= minutes <= settings.SUPPORT_SESSION_MAX_MINUTES:
        raise ApplicationError(
            SESSION_TOO_LONG.format(minutes=settings.SUPPORT_SESSION_MAX_MINUTES),
            {"field": "minutes"},
        )
    if tenant.is_public or not tenant.schema_ready:
        raise ApplicationError(TENANT_NOT_READY.format(name=tenant.name))
    token, token_hash = one_time_token_new()
    with transaction.atomic():
        SupportAccess.objects.create(
            token_hash=token_hash,
            operator=operator,
            operator_username=operator.get_username(),
            tenant=tenant,
            reason=reason,
            session_minutes=minutes,
            expires_at=timezone.now()
            + timedelta(seconds=settings.SUPPORT_SIGNIN_TTL_SECONDS),
        )
        AuditLogEntry.objects.create(
            action=AuditLogEntry.Action.SUPPORT_LINK_ISSUED,
            actor_username=operator.get_username(),
            tenant=tenant,
            ip_address=ip_address,
            detail={"reason": reason, "minutes": minutes},
        )
    return token


def support_link_refused(
    *, tenant: Tenant, message: str, ip_address: str | None = None
) -> None:
    """A link that did not open a session (unknown, used, expired, another
    tenant's) is logged too: someone may be trying links."""
    AuditLogEntry.objects.create(
        action=AuditLogEntry.Action.SUPPORT_SIGNIN_REFUSED,
        tenant=tenant,
        ip_address=ip_address,
        detail={"refusal": str(message)},
    )


def support_change_record(
    *,
    support_access_id: int,
    tenant: Tenant,
    method: str,
    path: str,
    status: int,
    ip_address: str | None = None,
) -> None:
    """One request that could change something, made in a support session: what
    and where, never the submitted data (it may be personal)."""
    access = SupportAccess.objects.filter(pk=support_access_id).first()
    AuditLogEntry.objects.create(
        action=AuditLogEntry.Action.SUPPORT_CHANGE,
        actor_username=access.operator_username if access else "",
        tenant=tenant,
        ip_address=ip_address,
        detail={
            "support_access": support_access_id,
            "method": method,
            "path": path[:500],
            "status": status,
        },
    )


def support_link_redeem(
    *, token: str, tenant: Tenant, ip_address: str | None = None
) -> SupportAccess:
    """Use a support token on `tenant`'s host, once, before it expires.

    A token issued for another tenant is reported as invalid, as an unknown one is.
    Runs on the tenant's host: the public tables are reached through search_path,
    but a join to `operator` would hit the tenant's own `auth_user`, so none is made.
    """
    with transaction.atomic():
        # Another tenant's token is as unknown here as one never issued.
        access = one_time_token_spend(
            SupportAccess.objects.filter(tenant_id=tenant.pk),
            token=token,
            refusals=REFUSALS,
        )
        AuditLogEntry.objects.create(
            action=AuditLogEntry.Action.SUPPORT_SIGNIN,
            actor_username=access.operator_username,
            tenant=tenant,
            ip_address=ip_address,
            detail={"support_access": access.pk, "reason": access.reason},
        )
    return access


def support_user_for(*, operator_username: str):
    """The tenant-local superuser that an operator acts as in this tenant's schema.

    Called with the tenant's schema active. It has no usable password: the only
    way in is a support link, and every entry is in the public audit log.
    """
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=f"{SUPPORT_USERNAME_PREFIX}{operator_username}"[:150],
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Support"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
