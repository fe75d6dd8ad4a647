"""A tenant's administrators are told by e-mail when billing changes the tenant's
status: why, and what to do."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tenants.utils import tenant_context

from tenants.models import Tenant

WHAT_NOW = {
    Tenant.Status.ACTIVE: gettext_lazy(
        "{tenant} is active: the payment has come in. Thank you!"
    ),
    Tenant.Status.TRIAL: gettext_lazy("{tenant} is on trial."),
    Tenant.Status.PAST_DUE: gettext_lazy(
        "An invoice for {tenant} has not been paid. The site stays open during "
        "the grace period; pay the invoice, or contact us if it is wrong."
    ),
    Tenant.Status.SUSPENDED: gettext_lazy(
        "{tenant} is suspended: its public site is closed until the subscription "
        "is paid. No data is deleted, and you can still sign in to the admin and "
        "pay."
    ),
}


# Notices told to a tenant's administrators by key (a worker's task takes the key).
NOTICES = {
    "trial_ends": (
        gettext_lazy("{tenant}: the trial ends in {days} days"),
        gettext_lazy(
            "The trial of {tenant} ends on {date}. Start a subscription before then "
            "and nothing changes; without one the public site closes on that day. "
            "No data is deleted. Ask us to start the subscription, by card or by "
            "invoice."
        ),
    ),
    "checkout_started": (
        gettext_lazy("{tenant}: pay the subscription by card"),
        gettext_lazy(
            "The subscription of {tenant} to {plan} is ready. Pay by card at Stripe "
            "(the link works for 24 hours; the billing page in your admin shows it "
            "too):\n\n{url}"
        ),
    ),
}


def tenant_administrators_emails(tenant: Tenant) -> list[str]:
    with tenant_context(tenant):
        return sorted(
            set(
                get_user_model()
                .objects.filter(
                    is_active=True, groups__name=settings.TENANT_ADMINISTRATORS_GROUP
                )
                .exclude(email="")
                .values_list("email", flat=True)
            )
        )


def _texts(tenant: Tenant, notice: str, values: dict) -> tuple[str, str] | None:
    """(subject, body) of a notice, in the active language."""
    if notice == "status_changed":
        after = values["after"]
        if after not in WHAT_NOW:
            return None
        subject = _("{tenant}: the subscription's status is now {status}").format(
            tenant=tenant.name, status=Tenant.Status(after).label
        )
        return subject, str(WHAT_NOW[after]).format(tenant=tenant.name)
    subject, body = NOTICES[notice]
    filled = {"tenant": tenant.name, **values}
    return str(subject).format(**filled), str(body).format(**filled)


def administrators_tell(*, tenant_id: int, notice: str, values: dict) -> int:
    """E-mail the tenant's administrators a notice (in Swedish); how many were
    told."""
    tenant = Tenant.objects.get(pk=tenant_id)
    emails = tenant_administrators_emails(tenant)
    if not emails:
        return 0
    with translation.override("sv"):
        texts = _texts(tenant, notice, values)
    if texts is None:
        return 0
    send_mail(*texts, None, emails)
    return len(emails)


@shared_task(acks_late=True)
def administrators_tell_task(tenant_id: int, notice: str, values: dict) -> int:
    return administrators_tell(tenant_id=tenant_id, notice=notice, values=values)


def administrators_tell_later(tenant: Tenant, *, notice: str, values: dict) -> None:
    """Told by a worker once the change is committed (never of a change undone)."""
    transaction.on_commit(
        lambda: administrators_tell_task.delay(tenant.pk, notice, values)
    )


def billing_change_tell_later(tenant: Tenant, *, before: str, after: str) -> None:
    administrators_tell_later(
        tenant,
        notice="status_changed",
        values={"before": str(before), "after": str(after)},
    )
