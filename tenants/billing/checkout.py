"""Starting a subscription by card: the operator opens a Stripe Checkout session
for the tenant, its administrators are told where to pay, and the session's
completion (a webhook, whenever it arrives) links the tenant's account and moves
its status as the subscription's state at Stripe says. Once per tenant: the
tenant's row is locked, an open session is offered again rather than a second
made, and Stripe is asked with an idempotency key."""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from config.errors import ApplicationError
from tenants.billing.models import BillingAccount, CheckoutStart, Plan
from tenants.billing.notify import administrators_tell_later
from tenants.billing.status import billing_status_apply
from tenants.billing.subscriptions import (
    ALREADY_SUBSCRIBED,
    PLAN_NOT_PUBLISHED,
    STRIPE_DOWN,
)
from tenants.integrations.stripe import (
    StripeUnavailable,
    checkout_session_create,
    checkout_session_current,
    subscription_current,
    vat_rate_id,
)
from tenants.models import Tenant

# Stripe lets a Checkout session stay open 24 hours.
SESSION_HOURS = 24
NOT_COMPLETE = "ignored: checkout not complete"


def checkout_open(tenant: Tenant) -> CheckoutStart | None:
    """The tenant's Checkout session that can still be paid, if any."""
    return (
        CheckoutStart.objects.filter(
            tenant=tenant, completed_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("plan")
        .first()
    )


def _expiry(session: dict) -> datetime:
    stamp = session.get("expires_at")
    if isinstance(stamp, int):
        return datetime.fromtimestamp(stamp, tz=UTC)
    return timezone.now() + timedelta(hours=SESSION_HOURS)


def checkout_start(
    *,
    tenant: Tenant,
    plan: Plan,
    email: str,
    started_by: str,
    success_url: str,
    cancel_url: str,
) -> CheckoutStart:
    """A Checkout session for the tenant on the plan; an open one is returned
    again (a double click makes one). The administrators are told where to pay."""
    if not plan.stripe_price_id:
        raise ApplicationError(str(PLAN_NOT_PUBLISHED), {"field": "plan"})
    with transaction.atomic():
        locked = Tenant.objects.select_for_update().get(pk=tenant.pk)
        account = BillingAccount.objects.filter(tenant=locked).first()
        if account is not None and account.stripe_subscription_id:
            raise ApplicationError(str(ALREADY_SUBSCRIBED).format(tenant=locked.name))
        current = checkout_open(locked)
        if current is not None and current.plan_id == plan.pk:
            return current
        made = CheckoutStart.objects.filter(tenant=locked).count()
        try:
            session = checkout_session_create(
                key=f"tenant-{locked.pk}-{made + 1}",
                price_id=plan.stripe_price_id,
                tax_rate_id=vat_rate_id(25),
                email=email,
                tenant_slug=locked.slug,
                success_url=success_url,
                cancel_url=cancel_url,
            )
        except StripeUnavailable:
            raise ApplicationError(str(STRIPE_DOWN)) from None
        started = CheckoutStart.objects.create(
            tenant=locked,
            plan=plan,
            email=email,
            stripe_session_id=session["id"],
            url=session.get("url") or "",
            expires_at=_expiry(session),
            started_by=started_by,
        )
        administrators_tell_later(
            locked,
            notice="checkout_started",
            values={"plan": plan.name, "url": started.url},
        )
    return started


def checkout_complete(session_id: str) -> str:
    """A completed Checkout session links the tenant's customer and subscription,
    and the subscription's state at Stripe sets the tenant's status; what came of
    it. Read from Stripe, so a late or repeated event ends the same."""
    with transaction.atomic():
        started = (
            CheckoutStart.objects.select_for_update()
            .select_related("tenant", "plan")
            .filter(stripe_session_id=session_id)
            .first()
        )
        if started is None:
            return "ignored: no tenant started this checkout"
        session = checkout_session_current(session_id)
        subscription_id = session.get("subscription")
        if session.get("status") != "complete" or not isinstance(subscription_id, str):
            return NOT_COMPLETE
        tenant = Tenant.objects.select_for_update().get(pk=started.tenant_id)
        subscription = subscription_current(subscription_id)
        account, _created = BillingAccount.objects.update_or_create(
            tenant=tenant,
            defaults={
                "stripe_customer_id": str(session.get("customer") or ""),
                "stripe_subscription_id": subscription_id,
                "plan": started.plan,
                "subscription_status": str(subscription.get("status", ""))[:32],
                "checked_at": timezone.now(),
            },
        )
        if started.completed_at is None:
            started.completed_at = timezone.now()
            started.save(update_fields=["completed_at"])
        return billing_status_apply(tenant, account.subscription_status)
