"""The operator starts a tenant's subscription by card: a Stripe Checkout session
(subscription mode, 25 % VAT, address and VAT number asked), whose link the
tenant's administrators get by e-mail and on their billing page. Its completion,
told by a webhook whenever it comes, links the tenant's customer and subscription
and moves the status; a double click makes one session. Then the whole life of
a subscription through the webhook view: active, an unpaid invoice, past due,
suspended (the public site answers 503), paid, active again."""

import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from config.errors import ApplicationError
from tenants.billing.checkout import checkout_start
from tenants.billing.overdue import overdue_suspend
from tenants.billing.plans import plan_publish
from tenants.models import BillingAccount, CheckoutStart, Plan, StripeEvent, Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST, PUBLIC_HOST
from tests.factories import operator_signed_in, signed_in, staff_user
from tests.fake_stripe import webhook_sent
from tests.matching.committed import together

ADMINISTRATORS = "Administratörer"
DAY = 24 * 60 * 60


def _plan() -> Plan:
    return plan_publish(
        Plan.objects.create(name="Kommun", includes="Allt", price_sek=48000)
    )


def _started(tenant, plan, *, email="ekonomi@alpha.example"):
    return checkout_start(
        tenant=tenant,
        plan=plan,
        email=email,
        started_by="kassor",
        success_url="http://alpha/ok",
        cancel_url="http://alpha/no",
    )


def _start_by_card(client, tenant, plan, email="ekonomi@alpha.example"):
    return client.post(
        f"/operator/tenants/{tenant.slug}/checkout/",
        {"card-plan": plan.pk, "card-email": email},
        HTTP_HOST=PUBLIC_HOST,
    )


def test_the_operator_sends_a_link_to_pay_by_card(
    alpha, stripe_settings, django_capture_on_commit_callbacks
):
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.TRIAL)
    plan = _plan()
    admin = staff_user(alpha, group=ADMINISTRATORS, username="ekonomi")
    operator = operator_signed_in("kassor")

    no_email = _start_by_card(operator, alpha, plan, email="inte en adress")
    with django_capture_on_commit_callbacks(execute=True):
        started = _start_by_card(operator, alpha, plan)
    again = _start_by_card(operator, alpha, plan)  # a second click: the same link
    console = operator.get(f"/operator/tenants/{alpha.slug}/", HTTP_HOST=PUBLIC_HOST)

    assert no_email.status_code == 400
    assert started.status_code == again.status_code == 302
    checkout = CheckoutStart.objects.get(tenant=alpha)
    session = stripe_settings.objects[checkout.stripe_session_id]
    assert stripe_settings.count("checkout.session") == 1
    assert session["mode"] == "subscription"
    assert session["line_items"] == {
        "0": {"price": plan.stripe_price_id, "quantity": "1"}
    }
    rate = stripe_settings.objects[
        session["subscription_data"]["default_tax_rates"]["0"]
    ]
    assert (rate["percentage"], rate["country"]) == (25, "SE")
    assert session["customer_email"] == "ekonomi@alpha.example"
    assert session["client_reference_id"] == alpha.slug
    assert session["billing_address_collection"] == "required"
    assert session["tax_id_collection"] == {"enabled": "true"}
    assert session["success_url"].startswith(f"http://{ALPHA_HOST}/admin/fakturering/")
    assert checkout.url in console.content.decode()
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert checkout.url in mail.outbox[0].body
    page = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS).get(
        "/admin/fakturering/", HTTP_HOST=ALPHA_HOST
    )
    assert f'href="{checkout.url}"' in page.content.decode()
    assert not BillingAccount.objects.filter(tenant=alpha).exists()


def test_completion_links_the_account_only_once_the_payer_has_paid(
    alpha, beta, stripe_settings
):
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.TRIAL)
    plan = _plan()
    checkout = _started(alpha, plan)
    session = {"id": checkout.stripe_session_id, "object": "checkout.session"}

    early = webhook_sent("evt_early", "checkout.session.completed", session)
    early_outcome = StripeEvent.objects.get(event_id="evt_early").outcome
    stripe_settings.checkout_pay(checkout.stripe_session_id)
    paid = webhook_sent("evt_paid", "checkout.session.completed", session)
    replayed = webhook_sent("evt_paid", "checkout.session.completed", session)
    stranger = webhook_sent(
        "evt_other", "checkout.session.completed", {"id": "cs_of_someone_else"}
    )

    assert early.status_code == paid.status_code == replayed.status_code == 200
    assert stranger.status_code == 200
    assert early_outcome == "ignored: checkout not complete"
    account = BillingAccount.objects.get(tenant=alpha)
    completed = stripe_settings.objects[checkout.stripe_session_id]
    assert account.stripe_subscription_id == completed["subscription"]
    assert account.stripe_customer_id == completed["customer"]
    assert account.plan == plan
    alpha.refresh_from_db()
    beta.refresh_from_db()
    assert (alpha.status, beta.status) == (Tenant.Status.ACTIVE, Tenant.Status.ACTIVE)
    checkout.refresh_from_db()
    assert checkout.completed_at is not None
    assert StripeEvent.objects.get(event_id="evt_other").outcome == (
        "ignored: no tenant started this checkout"
    )
    with pytest.raises(ApplicationError, match="har redan ett abonnemang"):
        _started(alpha, plan, email="x@alpha.example")


def test_another_tenants_host_shows_no_link_to_pay(alpha, beta, stripe_settings):
    plan = _plan()
    checkout = _started(alpha, plan)
    page = signed_in(beta, BETA_HOST, group=ADMINISTRATORS).get(
        "/admin/fakturering/", HTTP_HOST=BETA_HOST
    )

    assert page.status_code == 200
    assert checkout.url not in page.content.decode()


def test_two_clicks_at_the_same_moment_make_one_checkout(
    django_db_setup, django_db_blocker, fake_stripe, settings
):
    from tests.fake_stripe import API_KEY, WEBHOOK_SECRET

    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_stripe.url
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        alpha = Tenant.objects.get(slug="alpha")
        plan = _plan()
        before = fake_stripe.count("checkout.session")
        try:

            def start():
                return _started(alpha, plan).stripe_session_id

            first, second = together(public, start, start)

            assert first == second
            assert CheckoutStart.objects.filter(tenant=alpha).count() == 1
            assert fake_stripe.count("checkout.session") == before + 1
        finally:
            connection.set_schema_to_public()
            CheckoutStart.objects.filter(tenant=alpha).delete()
            plan.delete()


def test_a_subscription_from_checkout_to_suspended_and_back(
    alpha, stripe_settings, django_capture_on_commit_callbacks
):
    """The whole path through the webhook view, as Stripe would tell it."""
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.TRIAL)
    admin = staff_user(alpha, group=ADMINISTRATORS, username="ekonomi")
    plan = _plan()
    operator = operator_signed_in("kassor")
    with django_capture_on_commit_callbacks(execute=True):
        _start_by_card(operator, alpha, plan)
    checkout = CheckoutStart.objects.get(tenant=alpha)
    session = stripe_settings.checkout_pay(checkout.stripe_session_id)
    subscription = stripe_settings.objects[session["subscription"]]

    def status(event_id, kind, obj):
        with django_capture_on_commit_callbacks(execute=True):
            answer = webhook_sent(event_id, kind, obj)
        assert answer.status_code == 200, answer.content
        alpha.refresh_from_db()
        return alpha.status

    paid_by_card = status(
        "evt_1", "checkout.session.completed", {"id": checkout.stripe_session_id}
    )
    site_when_active = Client().get("/", HTTP_HOST=ALPHA_HOST).status_code
    invoice = stripe_settings.put(
        {
            "id": "in_unpaid",
            "object": "invoice",
            "customer": session["customer"],
            "subscription": subscription["id"],
            "status": "open",
            "due_date": int(time.time()) - 31 * DAY,
        }
    )
    subscription["status"] = "past_due"
    failed = status("evt_2", "invoice.payment_failed", invoice)
    with django_capture_on_commit_callbacks(execute=True):
        suspended = overdue_suspend()
    alpha.refresh_from_db()
    after_grace = alpha.status
    site_when_suspended = Client().get("/", HTTP_HOST=ALPHA_HOST).status_code
    invoice["status"] = "paid"
    subscription["status"] = "active"
    paid_again = status("evt_3", "invoice.paid", invoice)
    site_when_paid = Client().get("/", HTTP_HOST=ALPHA_HOST).status_code

    assert paid_by_card == Tenant.Status.ACTIVE
    assert failed == Tenant.Status.PAST_DUE
    assert (suspended, after_grace) == (1, Tenant.Status.SUSPENDED)
    assert paid_again == Tenant.Status.ACTIVE
    assert (site_when_active, site_when_suspended, site_when_paid) == (200, 503, 200)
    assert all(message.to == [admin.email] for message in mail.outbox)
    assert [message.subject.rsplit(" ", 1)[-1] for message in mail.outbox] == [
        "kort",  # the link to pay by card
        "Aktiv",
        "betalning",  # past due
        "Avstängd",
        "Aktiv",
    ]
