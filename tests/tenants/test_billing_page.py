"""The tenant's administrators see their subscription in their admin: status and
why, the invoices not paid yet, and Stripe's customer portal; a suspended
tenant's administrators too (the admin stays open). Other staff are refused,
another tenant sees only its own, and without Stripe configured the page says so."""

import time

from tenants.models import BillingAccount, Plan, Tenant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in

ADMINISTRATORS = "Administratörer"
URL = "/admin/fakturering/"


def _invoiced(tenant, fake) -> None:
    plan = Plan.objects.create(
        name="Kommun", includes="En webbplats och alla program", price_sek=12500
    )
    BillingAccount.objects.create(
        tenant=tenant,
        stripe_customer_id="cus_alpha",
        stripe_subscription_id="sub_1",
        plan=plan,
    )
    fake.put({"id": "cus_alpha", "object": "customer", "name": tenant.name})
    fake.put(
        {
            "id": "in_1",
            "object": "invoice",
            "number": "KOMPIS-0042",
            "customer": "cus_alpha",
            "status": "open",
            "currency": "sek",
            "amount_remaining": 1562500,  # 12 500 kr + 25 % VAT
            "due_date": int(time.mktime((2026, 11, 30, 12, 0, 0, 0, 0, -1))),
            "hosted_invoice_url": "https://invoice.stripe.com/i/KOMPIS-0042",
        }
    )


def test_a_suspended_tenants_administrators_see_why_and_can_pay(alpha, stripe_settings):
    Tenant.objects.filter(pk=alpha.pk).update(status=Tenant.Status.SUSPENDED)
    _invoiced(alpha, stripe_settings)
    administrator = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)

    page = administrator.get(URL, HTTP_HOST=ALPHA_HOST)
    portal = administrator.post(URL + "portal/", HTTP_HOST=ALPHA_HOST)

    body = page.content.decode()
    assert page.status_code == 200
    assert "Avstängd" in body and "Inga uppgifter raderas" in body
    assert "KOMPIS-0042</td><td>15\xa0625,00 SEK" in body  # Swedish grouping
    assert "2026-11-30" in body
    assert "Kommun: 12500 kr exkl. moms per år." in body
    assert "En webbplats och alla program" in body
    assert 'href="https://invoice.stripe.com/i/KOMPIS-0042"' in body
    assert portal.status_code == 302
    assert portal["Location"] == f"{stripe_settings.url}/portal/cus_alpha"
    assert stripe_settings.portal_sessions[-1]["return_url"] == (
        f"http://{ALPHA_HOST}{URL}"
    )


def test_only_administrators_of_the_tenant_itself(alpha, beta, stripe_settings):
    _invoiced(alpha, stripe_settings)
    coordinator = signed_in(alpha, ALPHA_HOST, group="Samordnare")
    theirs = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)

    refused = coordinator.get(URL, HTTP_HOST=ALPHA_HOST)
    beta_page = theirs.get(URL, HTTP_HOST=BETA_HOST)
    beta_portal = theirs.post(URL + "portal/", HTTP_HOST=BETA_HOST)

    assert refused.status_code == 302  # Wagtail sends them to the dashboard
    assert refused["Location"] == "/admin/"
    assert "KOMPIS-0042" not in beta_page.content.decode()
    assert "Inget abonnemang är kopplat" in beta_page.content.decode()
    assert beta_portal.status_code == 302
    assert beta_portal["Location"] == URL
    assert stripe_settings.portal_sessions == []


def test_without_stripe_the_page_says_billing_is_not_configured(alpha, settings):
    settings.STRIPE_SECRET_KEY = ""
    administrator = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)

    page = administrator.get(URL, HTTP_HOST=ALPHA_HOST)

    assert page.status_code == 200
    assert "inte konfigurerad" in page.content.decode()
