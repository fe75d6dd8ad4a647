"""Plans: the operator keeps them in Django admin and publishes each to Stripe as
a product with a recurring price in SEK (VAT on top), once however often it is
asked; a published plan's price is fixed; a plan's grace period is the one the
morning job gives its tenants."""

import time

from django.core import mail
from django.test import Client

from tenants.billing.overdue import overdue_suspend
from tenants.billing.plans import plan_publish
from tenants.models import BillingAccount, Plan, Tenant
from tests.conftest import PUBLIC_HOST
from tests.factories import operator_signed_in

DAY = 24 * 60 * 60


def test_the_operator_makes_a_plan_and_publishes_it_once(db, stripe_settings):
    client: Client = operator_signed_in("kassor")

    made = client.post(
        "/operator/admin/tenants/plan/add/",
        {
            "name": "Kommun",
            "includes": "En webbplats, alla program, obegränsat antal deltagare",
            "price_sek": 48000,
            "interval": "year",
            "grace_days": 45,
            "active": "on",
        },
        HTTP_HOST=PUBLIC_HOST,
    )
    plan = Plan.objects.get(name="Kommun")
    published = client.post(
        "/operator/admin/tenants/plan/",
        {"action": "plans_publish", "_selected_action": [plan.pk]},
        HTTP_HOST=PUBLIC_HOST,
    )
    plan_publish(plan)  # again: nothing new
    plan.refresh_from_db()
    edit = client.get(
        f"/operator/admin/tenants/plan/{plan.pk}/change/", HTTP_HOST=PUBLIC_HOST
    )

    assert made.status_code == published.status_code == 302
    price = stripe_settings.objects[plan.stripe_price_id]
    assert (price["currency"], price["unit_amount"]) == ("sek", 4800000)
    assert price["recurring"] == {"interval": "year"}
    assert price["tax_behavior"] == "exclusive"
    product = stripe_settings.objects[price["product"]]
    assert product["name"] == "Kommun"
    assert product["metadata"] == {"kompis_plan": f"plan-{plan.pk}"}
    assert stripe_settings.count("price") == stripe_settings.count("product") == 1
    # Published: the price can no longer be edited (Stripe's cannot change).
    assert 'name="price_sek"' not in edit.content.decode()


def test_a_plans_grace_period_is_the_one_its_tenants_get(alpha, stripe_settings):
    plan = Plan.objects.create(
        name="Partnerskap", includes="Flera kommuner", price_sek=96000, grace_days=45
    )
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.PAST_DUE)
    BillingAccount.objects.create(
        tenant=alpha,
        plan=plan,
        stripe_customer_id="cus_alpha",
        stripe_subscription_id="sub_alpha",
        grace_days=10,  # not used: the plan has its own
    )
    stripe_settings.put(
        {
            "id": "in_1",
            "object": "invoice",
            "customer": "cus_alpha",
            "status": "open",
            "due_date": int(time.time()) - 31 * DAY,
        }
    )

    assert overdue_suspend() == 0
    Plan.objects.filter(pk=plan.pk).update(grace_days=30)
    assert overdue_suspend() == 1
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.SUSPENDED
    assert mail.outbox == []  # told after commit, by a worker
