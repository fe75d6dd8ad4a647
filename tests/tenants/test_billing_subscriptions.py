"""The operator starts a tenant's subscription paid by invoice from the console:
a customer at Stripe with its organisation and VAT numbers, invoice address and
references, a subscription on a published plan with 30 days to pay and 25 % VAT;
the tenant becomes active. Bad details are refused with a reason and nothing is
made at Stripe; two starts at the same moment make one subscription."""

from django.db import connection

from tenants.billing.subscriptions import (
    InvoiceDetails,
    subscription_start_by_invoice,
    vat_number,
)
from tenants.models import BillingAccount, Plan, Tenant
from tests.conftest import PUBLIC_HOST
from tests.factories import operator_signed_in
from tests.matching.committed import together

FORM = {
    "organisation_number": "212000-0118",
    "email": "faktura@jarfalla.se",
    "address_line": "Vasaplatsen 11",
    "postal_code": "17780",
    "city": "Järfälla",
    "buyer_reference": "KS-4711",
    "order_number": "",
}


def _plan(fake) -> Plan:
    from tenants.billing.plans import plan_publish

    return plan_publish(
        Plan.objects.create(name="Kommun", includes="Allt", price_sek=48000)
    )


def test_the_operator_starts_a_subscription_paid_by_invoice(alpha, stripe_settings):
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.TRIAL)
    plan = _plan(stripe_settings)
    client = operator_signed_in("kassor")
    url = f"/operator/tenants/{alpha.slug}/subscription/"

    page = client.get(f"/operator/tenants/{alpha.slug}/", HTTP_HOST=PUBLIC_HOST)
    bad = client.post(
        url,
        {**FORM, "plan": plan.pk, "organisation_number": "212000-0119"},
        HTTP_HOST=PUBLIC_HOST,
    )
    no_reference = client.post(
        url, {**FORM, "plan": plan.pk, "buyer_reference": ""}, HTTP_HOST=PUBLIC_HOST
    )
    made_before = dict(stripe_settings.objects)
    started = client.post(url, {**FORM, "plan": plan.pk}, HTTP_HOST=PUBLIC_HOST)

    assert "25 % moms" in page.content.decode()
    assert bad.status_code == no_reference.status_code == 400
    assert (
        "Ange köparens referens eller ett ordernummer" in no_reference.content.decode()
    )
    assert set(made_before) == {
        plan.stripe_price_id,
        stripe_settings.objects[plan.stripe_price_id]["product"],
    }
    assert started.status_code == 302
    account = BillingAccount.objects.get(tenant=alpha)
    customer = stripe_settings.objects[account.stripe_customer_id]
    assert customer["tax_id_data"] == {
        "0": {"type": "eu_vat", "value": "SE212000011801"}
    }
    assert customer["address"] == {
        "line1": "Vasaplatsen 11",
        "postal_code": "17780",
        "city": "Järfälla",
        "country": "SE",
    }
    fields = customer["invoice_settings"]["custom_fields"]
    assert fields["0"] == {"name": "Referens", "value": "KS-4711"}
    assert fields["1"] == {"name": "Org.nr", "value": "212000-0118"}
    subscription = stripe_settings.objects[account.stripe_subscription_id]
    assert subscription["collection_method"] == "send_invoice"
    assert subscription["days_until_due"] == 30
    assert subscription["items"] == {"0": {"price": plan.stripe_price_id}}
    rate = stripe_settings.objects[subscription["default_tax_rates"]["0"]]
    assert (rate["percentage"], rate["country"]) == (25, "SE")
    assert account.plan == plan
    alpha.refresh_from_db()
    assert alpha.status == Tenant.Status.ACTIVE


def test_vat_numbers_are_se_the_organisation_number_and_01():
    assert vat_number("212000-0118") == "SE212000011801"
    assert vat_number("2120000118") == "SE212000011801"


def test_two_starts_at_the_same_moment_make_one_subscription(
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
        plan = _plan(fake_stripe)
        try:

            def start():
                return subscription_start_by_invoice(
                    tenant=alpha,
                    plan=plan,
                    details=InvoiceDetails(**FORM),
                ).stripe_subscription_id

            results = together(public, start, start)

            made = [r for r in results if isinstance(r, str)]
            refused = [r for r in results if not isinstance(r, str)]
            assert len(made) == 1 and len(refused) == 1, results
            assert "har redan ett abonnemang" in str(refused[0].message)
            assert BillingAccount.objects.filter(tenant=alpha).count() == 1
        finally:
            connection.set_schema_to_public()
            BillingAccount.objects.filter(tenant=alpha).delete()
            plan.delete()
            from tenants.models import AuditLogEntry

            AuditLogEntry.objects.filter(tenant=alpha, actor_username="stripe").delete()
            Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.ACTIVE)
