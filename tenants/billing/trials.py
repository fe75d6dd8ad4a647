"""The end of a trial: its administrators are told 14 and 3 days before, once each
however many jobs meet (a conditional update claims each notice), and a trial that
ends without a paid subscription is suspended, never deleted."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from tenants.billing.models import BillingAccount
from tenants.billing.notify import administrators_tell_later
from tenants.billing.status import suspend_if_still
from tenants.models import Tenant

NOTICE_DAYS = (14, 3)
ACTOR = "billing"
PAYING = ("active",)


def trial_notice_claim(tenant: Tenant, days: int) -> bool:
    """Whether this call is the one to send the `days`-before notice (set in one
    conditional update: of two at once, one wins)."""
    return bool(
        Tenant.objects.filter(pk=tenant.pk, status=Tenant.Status.TRIAL)
        .exclude(trial_notice_days__lte=days)
        .update(trial_notice_days=days)
    )


def _subscribed(tenant: Tenant) -> bool:
    return BillingAccount.objects.filter(
        tenant=tenant, subscription_status__in=PAYING
    ).exists()


def trials_handle(*, today: date | None = None) -> dict:
    """The daily job's part: notices sent and trials ended, counted."""
    today = today or timezone.localdate()
    done = {"told": 0, "suspended": 0}
    trials = Tenant.objects.filter(
        status=Tenant.Status.TRIAL, trial_ends_at__isnull=False
    )
    for tenant in trials:
        left = (tenant.trial_ends_at - today).days
        if left <= 0:
            if _subscribed(tenant):
                continue  # the webhook makes it active
            if suspend_if_still(tenant.pk, was=Tenant.Status.TRIAL, actor=ACTOR):
                done["suspended"] += 1
            continue
        due = [days for days in NOTICE_DAYS if left <= days]
        if not due or _subscribed(tenant):
            continue
        days = min(due)
        with transaction.atomic():
            if not trial_notice_claim(tenant, days):
                continue
            administrators_tell_later(
                tenant,
                notice="trial_ends",
                values={"days": left, "date": tenant.trial_ends_at.isoformat()},
            )
        done["told"] += 1
    return done
