"""Stripe's webhooks drive a tenant's status. Each event is stored once by its id
and handled once (a replay, or the same event twice at the same moment, does
nothing the second time); what it means is read from Stripe's current state of
the subscription, never from the event's copy, so events arriving out of order
or twice end in the same status."""

import logging

from django.db import transaction
from django.utils import timezone

from tenants.billing.checkout import checkout_complete
from tenants.billing.einvoices import einvoice_for_credit_note, einvoice_for_invoice
from tenants.billing.models import BillingAccount, StripeEvent
from tenants.billing.status import billing_status_apply
from tenants.integrations.stripe import subscription_current, webhook_event

logger = logging.getLogger(__name__)

# A Checkout session paid (by card at once, or later by a slower method).
CHECKOUT_DONE = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
}


def stripe_webhook_receive(*, payload: bytes, signature: str | None) -> str:
    """Check, store and handle one webhook; what came of it. WebhookRefused (bad
    signature or body) and StripeUnavailable (Stripe could not be asked: the
    event stays unhandled, and Stripe sends it again) are raised."""
    event = webhook_event(payload, signature)
    StripeEvent.objects.get_or_create(
        event_id=event["id"], defaults={"type": event["type"][:100]}
    )
    with transaction.atomic():
        stored = StripeEvent.objects.select_for_update().get(event_id=event["id"])
        if stored.handled_at is not None:
            return "replayed"
        outcome = _handle(event)
        stored.handled_at = timezone.now()
        stored.outcome = outcome[:200]
        stored.save(update_fields=["handled_at", "outcome"])
    return outcome


def _subscription_of(event: dict) -> str:
    obj = event["data"]["object"]
    if event["type"].startswith("customer.subscription."):
        return obj.get("id") or ""
    if event["type"].startswith("invoice."):
        subscription = obj.get("subscription")
        if not subscription:  # newer API versions say it here
            details = (obj.get("parent") or {}).get("subscription_details") or {}
            subscription = details.get("subscription")
        return subscription if isinstance(subscription, str) else ""
    return ""


def _handle(event: dict) -> str:
    object_id = str(event["data"]["object"].get("id") or "")
    if event["type"] in CHECKOUT_DONE:
        return checkout_complete(object_id)
    if event["type"] == "credit_note.created":
        return einvoice_for_credit_note(object_id)
    if event["type"] == "invoice.finalized":
        made = einvoice_for_invoice(object_id)
        return f"{made}; {_subscription_status_read(event)}"
    return _subscription_status_read(event)


def _subscription_status_read(event: dict) -> str:
    subscription_id = _subscription_of(event)
    if not subscription_id:
        return f"ignored: {event['type']}"
    account = (
        BillingAccount.objects.select_for_update()
        .select_related("tenant")
        .filter(stripe_subscription_id=subscription_id)
        .first()
    )
    if account is None:
        return "ignored: no tenant has this subscription"
    current = subscription_current(subscription_id)
    account.subscription_status = str(current.get("status", ""))[:32]
    account.checked_at = timezone.now()
    account.save(update_fields=["subscription_status", "checked_at"])
    return billing_status_apply(account.tenant, account.subscription_status)
