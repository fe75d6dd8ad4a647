"""Stripe's webhooks drive a tenant's status: a body whose signature is missing,
wrong or stale, or that is not an event, is a 400 and changes nothing; each event
is handled once (a replay, or the same event twice at the same moment, does
nothing more); what an event means is read from Stripe's current state, so
events out of order end right; only paying lifts a suspension. The `stripe`
library talks over HTTP to a local stand-in (tests/fake_stripe.py)."""

import json
import time

from django.db import connection
from django.test import Client

from tenants.billing.webhooks import stripe_webhook_receive
from tenants.models import AuditLogEntry, BillingAccount, StripeEvent, Tenant
from tests.conftest import PUBLIC_HOST
from tests.fake_stripe import (
    API_KEY,
    WEBHOOK_SECRET,
    event_body,
    signature_header,
)
from tests.matching.committed import together

URL = "/billing/stripe/webhook/"


def _subscription(fake, subscription_id: str, status: str) -> dict:
    return fake.put(
        {
            "id": subscription_id,
            "object": "subscription",
            "customer": f"cus_{subscription_id}",
            "status": status,
        }
    )


def _invoice(subscription_id: str, status: str = "open") -> dict:
    return {
        "id": f"in_{subscription_id}_{status}",
        "object": "invoice",
        "subscription": subscription_id,
        "status": status,
    }


def _post(body: bytes, header: str | None = None):
    extra = {"HTTP_STRIPE_SIGNATURE": header} if header is not None else {}
    return Client().post(
        URL, data=body, content_type="application/json", HTTP_HOST=PUBLIC_HOST, **extra
    )


def _signed(body: bytes, **kwargs):
    return _post(body, signature_header(body, **kwargs))


def _billed(tenant: Tenant, subscription_id: str) -> BillingAccount:
    return BillingAccount.objects.create(
        tenant=tenant,
        stripe_customer_id=f"cus_{subscription_id}",
        stripe_subscription_id=subscription_id,
    )


def _changes(tenant: Tenant) -> list[dict]:
    return list(
        AuditLogEntry.objects.filter(
            tenant=tenant,
            action=AuditLogEntry.Action.TENANT_STATUS_CHANGED,
            actor_username="stripe",
        )
        .order_by("at")
        .values_list("detail", flat=True)
    )


def test_a_webhook_that_cannot_be_believed_is_refused_and_changes_nothing(
    alpha, stripe_settings
):
    _billed(alpha, "sub_alpha")
    _subscription(stripe_settings, "sub_alpha", "past_due")
    body = event_body("evt_1", "invoice.payment_failed", _invoice("sub_alpha"))

    answers = [
        _post(body),  # unsigned
        _signed(body, secret="whsec_someone_else"),
        _signed(body, at=int(time.time()) - 600),  # older than Stripe's 300 s
        _signed(b"not json at all"),
        _signed(json.dumps({"id": "x", "object": "customer"}).encode()),
        _post(body, "t=1,v1=00"),
    ]

    assert [answer.status_code for answer in answers] == [400] * 6
    assert answers[0].json()["error"].startswith("The signature is missing")
    assert not StripeEvent.objects.exists()
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE
    assert _changes(alpha) == []


def test_a_failed_payment_makes_past_due_and_paying_makes_active_again(
    alpha, beta, stripe_settings
):
    _billed(alpha, "sub_alpha")
    _subscription(stripe_settings, "sub_alpha", "past_due")
    failed = event_body("evt_failed", "invoice.payment_failed", _invoice("sub_alpha"))

    first = _signed(failed)
    replay = _signed(failed)
    alpha.refresh_from_db()
    after_failure = alpha.status
    _subscription(stripe_settings, "sub_alpha", "active")
    paid = _signed(
        event_body("evt_paid", "invoice.paid", _invoice("sub_alpha", "paid"))
    )

    assert first.status_code == replay.status_code == paid.status_code == 200
    assert after_failure == Tenant.Status.PAST_DUE
    assert first.json()["outcome"] == "active -> past_due"
    assert replay.json()["outcome"] == "replayed"
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE
    assert beta.status == Tenant.Status.ACTIVE  # another tenant is not touched
    assert _changes(alpha) == [
        {"from": "active", "to": "past_due"},
        {"from": "past_due", "to": "active"},
    ]
    assert StripeEvent.objects.filter(event_id="evt_failed").count() == 1


def test_events_out_of_order_end_in_stripes_current_state(alpha, stripe_settings):
    _billed(alpha, "sub_alpha")
    _subscription(stripe_settings, "sub_alpha", "active")
    # The update that once said "past_due" arrives after the payment: Stripe now
    # says active, and so does the tenant.
    late = event_body(
        "evt_old_update",
        "customer.subscription.updated",
        {"id": "sub_alpha", "object": "subscription", "status": "past_due"},
    )

    answer = _signed(late)

    assert answer.status_code == 200
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE
    assert _changes(alpha) == []


def test_only_paying_lifts_a_suspension(alpha, stripe_settings):
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.SUSPENDED)
    _billed(alpha, "sub_alpha")
    _subscription(stripe_settings, "sub_alpha", "past_due")

    still_unpaid = _signed(
        event_body("evt_a", "invoice.payment_failed", _invoice("sub_alpha"))
    )
    alpha.refresh_from_db()
    suspended = alpha.status
    _subscription(stripe_settings, "sub_alpha", "active")
    _signed(event_body("evt_b", "invoice.paid", _invoice("sub_alpha", "paid")))

    assert still_unpaid.json()["outcome"] == "kept suspended: subscription past_due"
    assert suspended == Tenant.Status.SUSPENDED
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE


def test_when_stripe_cannot_be_asked_the_event_waits_for_stripes_next_try(
    alpha, stripe_settings
):
    _billed(alpha, "sub_alpha")  # Stripe has no such subscription yet
    body = event_body("evt_wait", "invoice.payment_failed", _invoice("sub_alpha"))

    first = _signed(body)
    _subscription(stripe_settings, "sub_alpha", "past_due")
    again = _signed(body)

    assert first.status_code == 503
    assert again.status_code == 200
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.PAST_DUE
    assert StripeEvent.objects.get(event_id="evt_wait").handled_at is not None


def test_the_same_event_twice_at_the_same_moment_is_handled_once(
    django_db_setup, django_db_blocker, fake_stripe, settings
):
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_stripe.url
    _subscription(fake_stripe, "sub_twice", "past_due")
    body = event_body("evt_twice", "invoice.payment_failed", _invoice("sub_twice"))
    header = signature_header(body)
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        alpha = Tenant.objects.get(slug="alpha")
        account = _billed(alpha, "sub_twice")
        try:

            def receive():
                return stripe_webhook_receive(payload=body, signature=header)

            results = together(public, receive, receive)

            assert sorted(results) == ["active -> past_due", "replayed"], results
            assert _changes(alpha) == [{"from": "active", "to": "past_due"}]
        finally:
            connection.set_schema_to_public()
            account.delete()
            StripeEvent.objects.filter(event_id="evt_twice").delete()
            AuditLogEntry.objects.filter(tenant=alpha, actor_username="stripe").delete()
            Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.ACTIVE)


def test_an_operator_links_a_tenant_to_what_pays_for_it(alpha):
    from tests.factories import operator_signed_in

    connection.set_schema_to_public()
    client = operator_signed_in("kassor")

    added = client.post(
        "/operator/admin/tenants/billingaccount/add/",
        {
            "tenant": alpha.pk,
            "stripe_customer_id": "cus_alpha",
            "stripe_subscription_id": "sub_alpha",
            "grace_days": 45,
        },
        HTTP_HOST=PUBLIC_HOST,
    )
    listing = client.get(
        "/operator/admin/tenants/billingaccount/", HTTP_HOST=PUBLIC_HOST
    )
    events = client.get("/operator/admin/tenants/stripeevent/", HTTP_HOST=PUBLIC_HOST)
    adding_an_event = client.get(
        "/operator/admin/tenants/stripeevent/add/", HTTP_HOST=PUBLIC_HOST
    )

    assert added.status_code == 302
    assert BillingAccount.objects.get(tenant=alpha).grace_days == 45
    assert listing.status_code == events.status_code == 200
    assert "cus_alpha" in listing.content.decode()
    assert adding_an_event.status_code == 403
