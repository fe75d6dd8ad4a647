"""The daily billing job: a past-due tenant whose oldest unpaid invoice is more
than its grace period past the due date is suspended (its public site answers
503; its data stays; its staff see why in their admin and can still pay)."""

import logging
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from tenants.billing.models import BillingAccount
from tenants.billing.status import suspend_if_still
from tenants.integrations.stripe import StripeUnavailable, invoices_open
from tenants.models import Tenant

logger = logging.getLogger(__name__)

ACTOR = "billing"


def invoice_due_on(invoice: dict) -> date | None:
    due = invoice.get("due_date")
    if not isinstance(due, int):
        return None
    return timezone.localdate(datetime.fromtimestamp(due, tz=UTC))


def overdue_since(invoices: list[dict]) -> date | None:
    """The earliest due date among unpaid invoices (None: nothing is overdue)."""
    due = (invoice_due_on(invoice) for invoice in invoices)
    return min(filter(None, due), default=None)


def overdue_suspend(*, today: date | None = None) -> int:
    """Suspend every past-due tenant whose grace period is over; how many. A
    tenant Stripe cannot be asked about is left for tomorrow."""
    today = today or timezone.localdate()
    suspended = 0
    accounts = BillingAccount.objects.filter(
        tenant__status=Tenant.Status.PAST_DUE
    ).select_related("tenant", "plan")
    for account in accounts:
        try:
            since = overdue_since(invoices_open(account.stripe_customer_id))
        except StripeUnavailable:
            logger.warning("billing: could not ask Stripe about %s", account.tenant)
            continue
        if since is None or today <= since + timedelta(days=account.grace):
            continue
        if suspend_if_still(account.tenant_id, was=Tenant.Status.PAST_DUE, actor=ACTOR):
            suspended += 1
    return suspended
