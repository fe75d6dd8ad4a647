"""The operator keeps plans on a console page of their own: makes one (bad input
refused with a reason), edits it, publishes it to Stripe once (a published
plan's price cannot be changed, even by a forged form), and sees how many
tenants are on each. Without the plan permissions the pages are refused; the
demo (no Stripe keys) keeps plans but offers no publishing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from tenants.models import Plan
from tests.conftest import ALPHA_HOST, PUBLIC_HOST
from tests.factories import operator_signed_in

PLAN = {
    "name": "Partnerskap",
    "includes": "Flera kommuner i ett IOP, alla program",
    "price_sek": "72000",
    "interval": "year",
    "grace_days": "45",
    "active": "on",
}


def test_the_operator_makes_edits_and_publishes_a_plan(db, stripe_settings):
    operator = operator_signed_in("kassor")

    empty = operator.get("/operator/plans/", HTTP_HOST=PUBLIC_HOST)
    free = operator.post(
        "/operator/plans/new/", {**PLAN, "price_sek": "0"}, HTTP_HOST=PUBLIC_HOST
    )
    endless = operator.post(
        "/operator/plans/new/", {**PLAN, "grace_days": "400"}, HTTP_HOST=PUBLIC_HOST
    )
    made = operator.post("/operator/plans/new/", PLAN, HTTP_HOST=PUBLIC_HOST)
    plan = Plan.objects.get()
    published = operator.post(
        f"/operator/plans/{plan.pk}/publish/", HTTP_HOST=PUBLIC_HOST
    )
    twice = operator.post(f"/operator/plans/{plan.pk}/publish/", HTTP_HOST=PUBLIC_HOST)
    forged = operator.post(
        f"/operator/plans/{plan.pk}/",
        {**PLAN, "price_sek": "1", "includes": "Nu med uppföljning"},
        HTTP_HOST=PUBLIC_HOST,
    )
    listing = operator.get("/operator/plans/", HTTP_HOST=PUBLIC_HOST)

    assert empty.status_code == 200
    assert "Inga planer än" in empty.content.decode()
    assert free.status_code == endless.status_code == 400
    assert "minst 1 krona" in free.content.decode()
    assert "Högst 365 dagar" in endless.content.decode()
    assert made.status_code == published.status_code == twice.status_code == 302
    assert forged.status_code == 302
    plan.refresh_from_db()
    assert (plan.price_sek, plan.includes) == (72000, "Nu med uppföljning")
    assert stripe_settings.count("price") == 1
    price = stripe_settings.objects[plan.stripe_price_id]
    assert (price["unit_amount"], price["recurring"]) == (7200000, {"interval": "year"})
    assert plan.stripe_price_id in listing.content.decode()


def test_plans_need_the_plan_permissions_and_stay_off_tenant_hosts(db, alpha):
    Plan.objects.create(name="Kommun", includes="Allt", price_sek=48000)
    operator = operator_signed_in("praktikant")
    user = get_user_model().objects.get(username="praktikant")
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="view_plan"))

    listing = operator.get("/operator/plans/", HTTP_HOST=PUBLIC_HOST)
    new = operator.post("/operator/plans/new/", PLAN, HTTP_HOST=PUBLIC_HOST)
    on_tenant = operator.get("/operator/plans/", HTTP_HOST=ALPHA_HOST)

    assert listing.status_code == 200
    assert "Kommun" in listing.content.decode()
    assert 'href="/operator/plans/new/"' not in listing.content.decode()
    assert new.status_code == 403
    assert Plan.objects.count() == 1
    assert on_tenant.status_code == 404


def test_without_stripe_plans_are_kept_but_not_published(db, settings):
    settings.STRIPE_SECRET_KEY = ""
    operator = operator_signed_in("kassor")
    operator.post("/operator/plans/new/", PLAN, HTTP_HOST=PUBLIC_HOST)
    plan = Plan.objects.get()

    listing = operator.get("/operator/plans/", HTTP_HOST=PUBLIC_HOST)
    publish = operator.post(
        f"/operator/plans/{plan.pk}/publish/", HTTP_HOST=PUBLIC_HOST
    )

    assert "inte konfigurerad" in listing.content.decode()
    assert "/publish/" not in listing.content.decode()
    assert publish.status_code == 302
    plan.refresh_from_db()
    assert plan.stripe_price_id == ""
