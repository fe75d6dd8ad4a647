"""Every call to Stripe: nothing else in the project imports the SDK. Configured
by settings: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, and STRIPE_API_BASE (a
local stand-in's address in tests; Stripe's own when empty). Without the key and
the secret billing is not configured, and nothing here is called."""

from contextlib import contextmanager
from decimal import Decimal

import stripe
from django.conf import settings

# Stripe's own: a signature older than this is refused (a replayed request).
WEBHOOK_TOLERANCE_SECONDS = 300


class WebhookRefused(Exception):
    """A webhook whose signature is missing or wrong, or whose body is not an event."""


class StripeUnavailable(Exception):
    """Stripe could not be asked (down, refused the key, no such object)."""


@contextmanager
def _asked():
    """Any error from Stripe (down, refused the key, no such object) as
    StripeUnavailable, named by its kind only (its text may quote a customer)."""
    try:
        yield
    except stripe.StripeError as error:
        raise StripeUnavailable(type(error).__name__) from error


def billing_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base, max_network_retries=2
    )


def webhook_event(payload: bytes, signature: str | None) -> dict:
    """The event in a webhook's raw body, its signature checked with Stripe's
    tolerance; WebhookRefused when it may not be believed."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise WebhookRefused("billing is not configured")
    try:
        event = stripe.Webhook.construct_event(
            payload,
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=WEBHOOK_TOLERANCE_SECONDS,
        )
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError):
        raise WebhookRefused("bad signature or body") from None
    data = event.to_dict()
    if data.get("object") != "event" or not data.get("id") or not data.get("type"):
        raise WebhookRefused("not an event")
    if not isinstance(data.get("data", {}).get("object"), dict):
        raise WebhookRefused("an event without its object")
    return data


def _retrieved(service, object_id: str) -> dict:
    with _asked():
        return service.retrieve(object_id).to_dict()


def subscription_current(subscription_id: str) -> dict:
    """The subscription as Stripe holds it now (never as an event said it was)."""
    return _retrieved(_client().v1.subscriptions, subscription_id)


def invoice_current(invoice_id: str) -> dict:
    return _retrieved(_client().v1.invoices, invoice_id)


def credit_note_current(credit_note_id: str) -> dict:
    return _retrieved(_client().v1.credit_notes, credit_note_id)


def tax_rate_percent(tax_rate_id: str) -> Decimal:
    """A tax rate's percentage, exactly (Stripe gives it as a decimal number)."""
    rate = _retrieved(_client().v1.tax_rates, tax_rate_id)
    return Decimal(str(rate["percentage"]))


def price_create(
    *, plan_key: str, name: str, description: str, amount_ore: int, interval: str
) -> str:
    """A product and its recurring price in SEK, VAT added on top; the id of the
    price. Idempotency keys make a retried call return the first result."""
    client = _client()
    with _asked():
        product = client.v1.products.create(
            {
                "name": name,
                "description": description[:500],
                "metadata": {"kompis_plan": plan_key},
            },
            {"idempotency_key": f"kompis-product-{plan_key}"},
        )
        price = client.v1.prices.create(
            {
                "product": product.id,
                "currency": "sek",
                "unit_amount": amount_ore,
                "recurring": {"interval": interval},
                "tax_behavior": "exclusive",
            },
            {"idempotency_key": f"kompis-price-{plan_key}-{amount_ore}-{interval}"},
        )
    return price.id


def customer_create(
    *,
    key: str,
    name: str,
    email: str,
    address: dict,
    vat_number: str,
    references: list[tuple[str, str]],
    metadata: dict,
) -> str:
    """A customer paying by invoice: its address, its VAT number (eu_vat) and the
    references printed on every invoice (at most four, Stripe's limit)."""
    with _asked():
        customer = _client().v1.customers.create(
            {
                "name": name,
                "email": email,
                "address": address,
                "preferred_locales": ["sv"],
                "tax_id_data": [{"type": "eu_vat", "value": vat_number}],
                "invoice_settings": {
                    "custom_fields": [
                        {"name": label, "value": value}
                        for label, value in references[:4]
                    ]
                },
                "metadata": metadata,
            },
            {"idempotency_key": f"kompis-customer-{key}"},
        )
    return customer.id


def vat_rate_id(percent: int = 25) -> str:
    """Swedish VAT as a Stripe tax rate, made once (idempotency key)."""
    with _asked():
        rate = _client().v1.tax_rates.create(
            {
                "display_name": "Moms",
                "percentage": percent,
                "inclusive": False,
                "country": "SE",
                "jurisdiction": "SE",
            },
            {"idempotency_key": f"kompis-vat-{percent}"},
        )
    return rate.id


def invoiced_subscription_create(
    *, key: str, customer_id: str, price_id: str, tax_rate_id: str, days: int
) -> dict:
    """A subscription paid by invoice, due `days` after it is sent."""
    with _asked():
        subscription = _client().v1.subscriptions.create(
            {
                "customer": customer_id,
                "items": [{"price": price_id}],
                "collection_method": "send_invoice",
                "days_until_due": days,
                "default_tax_rates": [tax_rate_id],
            },
            {"idempotency_key": f"kompis-subscription-{key}"},
        )
    return subscription.to_dict()


def checkout_session_create(
    *,
    key: str,
    price_id: str,
    tax_rate_id: str,
    email: str,
    tenant_slug: str,
    success_url: str,
    cancel_url: str,
) -> dict:
    """A Stripe Checkout session in which the customer subscribes by card: the
    address and VAT number asked for, 25 % VAT added, in Swedish."""
    with _asked():
        session = _client().v1.checkout.sessions.create(
            {
                "mode": "subscription",
                "line_items": [{"price": price_id, "quantity": 1}],
                "subscription_data": {
                    "default_tax_rates": [tax_rate_id],
                    "metadata": {"tenant": tenant_slug},
                },
                "customer_email": email,
                "client_reference_id": tenant_slug,
                "metadata": {"tenant": tenant_slug},
                "billing_address_collection": "required",
                "tax_id_collection": {"enabled": True},
                "locale": "sv",
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
            {"idempotency_key": f"kompis-checkout-{key}"},
        )
    return session.to_dict()


def checkout_session_current(session_id: str) -> dict:
    """The Checkout session as Stripe holds it now (open, complete or expired)."""
    return _retrieved(_client().v1.checkout.sessions, session_id)


def portal_session_url(customer_id: str, *, return_url: str) -> str:
    """A one-time address of Stripe's customer portal for the customer: cards,
    invoices, receipts."""
    with _asked():
        session = _client().v1.billing_portal.sessions.create(
            {"customer": customer_id, "return_url": return_url}
        )
    return session.url


def invoices_open(customer_id: str) -> list[dict]:
    """The customer's invoices not paid yet (finalised, open)."""
    with _asked():  # further pages are asked for while iterating
        page = _client().v1.invoices.list(
            {"customer": customer_id, "status": "open", "limit": 100}
        )
        return [invoice.to_dict() for invoice in page.auto_paging_iter()]
