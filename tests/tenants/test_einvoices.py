"""Invoices a municipality can receive: for each finalised Stripe invoice (and
credit note) of a customer paying by invoice, a Peppol BIS Billing 3.0 document
that passes the UBL 2.1 schema, the Peppol rules and the Swedish rules, with the
buyer's reference or order number, both parties' organisation and VAT numbers,
Bankgiro, "Godkänd för F-skatt" and Stripe's totals to the öre; made once
however often Stripe tells, sent to the access point from an outbox (retried
while it is down, failed when it refuses, sent once by two workers), and
downloaded by the operator from the console."""

import time
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from tenants.billing.einvoices import (
    einvoice_attempt,
    einvoice_for_invoice,
    einvoices_send_due,
)
from tenants.models import BillingAccount, EInvoice, Tenant
from tests.conftest import ALPHA_HOST, PUBLIC_HOST
from tests.factories import operator_signed_in
from tests.fake_stripe import webhook_sent
from tests.matching.committed import together
from tests.tenants.peppol_rules import CAC, CBC, einvoice_findings

DAY = 24 * 60 * 60


def _account(tenant, **fields) -> BillingAccount:
    return BillingAccount.objects.create(
        tenant=tenant,
        stripe_customer_id=f"cus_{tenant.slug}",
        stripe_subscription_id=f"sub_{tenant.slug}",
        organisation_number="212000-0118",
        buyer_reference=fields.pop("buyer_reference", "KS-4711"),
        order_number=fields.pop("order_number", ""),
        **fields,
    )


def _rate(fake, percent=25) -> str:
    fake.put({"id": f"txr_{percent}", "object": "tax_rate", "percentage": percent})
    return f"txr_{percent}"


def _invoice(fake, tenant, *, number="KOMPIS-0001", lines=None, **overrides) -> dict:
    rate = _rate(fake)
    now = int(time.time())
    lines = lines or [(4_800_000, 1_200_000)]
    net = sum(amount for amount, _tax in lines)
    tax = sum(tax for _amount, tax in lines)
    invoice = {
        "id": f"in_{number}",
        "object": "invoice",
        "number": number,
        "customer": f"cus_{tenant.slug}",
        "subscription": f"sub_{tenant.slug}",
        "collection_method": "send_invoice",
        "status": "open",
        "created": now,
        "status_transitions": {"finalized_at": now},
        "due_date": now + 30 * DAY,
        "currency": "sek",
        "customer_name": "Järfälla kommun",
        "customer_email": "faktura@jarfalla.se",
        "customer_address": {
            "line1": "Vasaplatsen 11",
            "postal_code": "17780",
            "city": "Järfälla",
            "country": "SE",
        },
        "lines": {
            "object": "list",
            "data": [
                {
                    "id": f"il_{index}",
                    "description": f"Kommun ({index + 1} år)",
                    "amount": amount,
                    "quantity": 1,
                    "period": {"start": now, "end": now + 365 * DAY},
                    "tax_amounts": [{"amount": tax_amount, "tax_rate": rate}],
                }
                for index, (amount, tax_amount) in enumerate(lines)
            ],
        },
        "subtotal": net,
        "total_excluding_tax": net,
        "tax": tax,
        "total": net + tax,
        "amount_due": net + tax,
    }
    invoice.update(overrides)
    return fake.put(invoice)


SELLER = {
    "name": "Kompis Plattform AB",
    "organisation_number": "556036-0793",
    "street": "Sveavägen 1",
    "postal_code": "11157",
    "city": "Stockholm",
    "bankgiro": "5050-1055",
    "email": "faktura@kompis.example",
}


def _sending_configured(settings, access_point) -> None:
    settings.INVOICE_SELLER = SELLER
    settings.PEPPOL_ACCESS_POINT_URL = access_point.url
    settings.PEPPOL_ACCESS_POINT_TOKEN = "ap_test_token"
    access_point.reset()


@pytest.fixture
def einvoicing(settings, stripe_settings, access_point):
    _sending_configured(settings, access_point)
    settings.EINVOICE_RETRY_DELAYS = [300, 900]
    settings.EINVOICE_GIVE_UP_AFTER = 3 * DAY
    return stripe_settings


def _root(einvoice: EInvoice):
    return ET.fromstring(einvoice.xml.encode())


def test_a_finalised_invoice_becomes_a_valid_peppol_invoice_and_is_sent(
    alpha, einvoicing, access_point, django_capture_on_commit_callbacks
):
    _account(alpha, order_number="PO-2026-17")
    invoice = _invoice(einvoicing, alpha)

    with django_capture_on_commit_callbacks(execute=True):
        first = webhook_sent("evt_fin", "invoice.finalized", {"id": invoice["id"]})
    with django_capture_on_commit_callbacks(execute=True):
        again = webhook_sent("evt_sent", "invoice.sent", {"id": invoice["id"]})
        webhook_sent("evt_fin2", "invoice.finalized", {"id": invoice["id"]})

    assert first.status_code == again.status_code == 200
    einvoice = EInvoice.objects.get()
    assert einvoice_findings(einvoice.xml.encode()) == []
    root = _root(einvoice)
    assert root.tag.endswith("}Invoice")
    assert root.findtext(f"{CBC}ID") == "KOMPIS-0001"
    assert root.findtext(f"{CBC}BuyerReference") == "KS-4711"
    assert root.findtext(f"{CAC}OrderReference/{CBC}ID") == "PO-2026-17"
    seller = root.find(f"{CAC}AccountingSupplierParty/{CAC}Party")
    buyer = root.find(f"{CAC}AccountingCustomerParty/{CAC}Party")
    assert seller.findtext(f"{CBC}EndpointID") == "5560360793"
    assert buyer.findtext(f"{CBC}EndpointID") == "2120000118"
    assert [
        s.findtext(f"{CBC}CompanyID") for s in seller.findall(f"{CAC}PartyTaxScheme")
    ] == [
        "SE556036079301",
        "Godkänd för F-skatt",
    ]
    assert buyer.findtext(f"{CAC}PartyTaxScheme/{CBC}CompanyID") == "SE212000011801"
    assert (
        root.findtext(f"{CAC}PaymentMeans/{CAC}PayeeFinancialAccount/{CBC}ID")
        == "50501055"
    )
    totals = root.find(f"{CAC}LegalMonetaryTotal")
    assert totals.findtext(f"{CBC}TaxExclusiveAmount") == "48000.00"
    assert root.findtext(f"{CAC}TaxTotal/{CBC}TaxAmount") == "12000.00"
    assert totals.findtext(f"{CBC}PayableAmount") == "60000.00"
    assert einvoice.total_ore == invoice["total"]
    assert einvoice.status == EInvoice.Status.SENT
    (sent,) = access_point.received.values()
    assert sent["receiver"] == "0007:2120000118"
    assert sent["sender"] == "0007:5560360793"
    assert sent["xml"] == einvoice.xml.encode()


def test_totals_agree_with_stripe_to_the_ore_in_stripes_newer_shape(
    alpha, einvoicing, access_point, django_capture_on_commit_callbacks
):
    """Two lines at odd öre amounts, VAT in `taxes`/`total_taxes` (API 2025+), a
    credit balance paid part of it: VAT is Stripe's, never recomputed."""
    _account(alpha)
    rate = _rate(einvoicing)
    invoice = _invoice(
        einvoicing,
        alpha,
        number="KOMPIS-0002",
        lines=[(1_234_567, 308_642), (99_999, 25_000)],
    )
    for line in invoice["lines"]["data"]:
        amount = line.pop("tax_amounts")[0]["amount"]
        line["taxes"] = [
            {
                "amount": amount,
                "tax_rate_details": {"tax_rate": rate},
                "type": "tax_rate_details",
            }
        ]
    invoice.pop("tax")
    invoice["total_taxes"] = [
        {"amount": 333_642, "tax_rate_details": {"tax_rate": rate}}
    ]
    invoice["amount_due"] = invoice["total"] - 50_000  # the customer's balance

    with django_capture_on_commit_callbacks(execute=True):
        outcome = einvoice_for_invoice(invoice["id"])

    einvoice = EInvoice.objects.get()
    assert outcome == "e-invoice KOMPIS-0002 made"
    assert einvoice_findings(einvoice.xml.encode()) == []
    totals = _root(einvoice).find(f"{CAC}LegalMonetaryTotal")
    assert totals.findtext(f"{CBC}LineExtensionAmount") == "13345.66"
    assert totals.findtext(f"{CBC}TaxInclusiveAmount") == "16682.08"
    assert totals.findtext(f"{CBC}PrepaidAmount") == "500.00"
    assert totals.findtext(f"{CBC}PayableAmount") == "16182.08"
    amounts = [
        Decimal(totals.findtext(f"{CBC}{name}"))
        for name in ("TaxInclusiveAmount", "PayableAmount")
    ]
    assert [int(a * 100) for a in amounts] == [invoice["total"], invoice["amount_due"]]


def test_a_credit_note_names_the_invoice_it_credits(
    alpha, einvoicing, django_capture_on_commit_callbacks
):
    _account(alpha)
    rate = _rate(einvoicing)
    invoice = _invoice(einvoicing, alpha)
    einvoicing.put(
        {
            "id": "cn_1",
            "object": "credit_note",
            "number": "KOMPIS-0001-CN-01",
            "invoice": invoice["id"],
            "created": int(time.time()),
            "lines": {
                "data": [
                    {
                        "description": "Kommun: återbetalt halvår",
                        "amount": 2_400_000,
                        "quantity": 1,
                        "tax_amounts": [{"amount": 600_000, "tax_rate": rate}],
                    }
                ]
            },
            "subtotal": 2_400_000,
            "total_excluding_tax": 2_400_000,
            "tax_amounts": [{"amount": 600_000, "tax_rate": rate}],
            "total": 3_000_000,
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        answer = webhook_sent("evt_cn", "credit_note.created", {"id": "cn_1"})

    assert answer.status_code == 200
    einvoice = EInvoice.objects.get(kind=EInvoice.Kind.CREDIT_NOTE)
    assert einvoice_findings(einvoice.xml.encode()) == []
    root = _root(einvoice)
    assert root.tag.endswith("}CreditNote")
    assert root.findtext(f"{CBC}CreditNoteTypeCode") == "381"
    assert (
        root.findtext(f"{CAC}BillingReference/{CAC}InvoiceDocumentReference/{CBC}ID")
        == "KOMPIS-0001"
    )
    assert root.findtext(f"{CAC}LegalMonetaryTotal/{CBC}PayableAmount") == "30000.00"


def test_totals_that_disagree_with_stripe_are_not_sent(alpha, einvoicing, access_point):
    _account(alpha)
    invoice = _invoice(einvoicing, alpha, tax=1_200_001)

    outcome = einvoice_for_invoice(invoice["id"])

    einvoice = EInvoice.objects.get()
    assert einvoice.status == EInvoice.Status.NOT_MADE
    assert "VAT 1200000 öre, Stripe 1200001" in einvoice.last_error
    assert outcome.startswith("e-invoice not made")
    assert access_point.received == {}


def test_card_payers_and_unconfigured_sellers_get_no_e_invoice(
    alpha, einvoicing, settings
):
    _account(alpha)
    by_card = _invoice(
        einvoicing, alpha, number="K-1", collection_method="charge_automatically"
    )
    by_invoice = _invoice(einvoicing, alpha, number="K-2")

    card = einvoice_for_invoice(by_card["id"])
    settings.INVOICE_SELLER = {**settings.INVOICE_SELLER, "bankgiro": ""}
    unconfigured = einvoice_for_invoice(by_invoice["id"])

    assert card == "paid by card: no e-invoice"
    assert unconfigured == "e-invoicing not configured"
    assert not EInvoice.objects.exists()


def test_the_swedish_rules_catch_what_they_are_for(alpha, einvoicing):
    """The written-out rules can fail: a document broken on purpose is caught."""
    _account(alpha)
    einvoice_for_invoice(_invoice(einvoicing, alpha)["id"])
    good = EInvoice.objects.get().xml

    broken = {
        "SE-R-001": good.replace("SE556036079301", "SE5560360793"),
        "SE-R-005": good.replace("Godkänd för F-skatt", "F-skatt"),
        "SE-R-006": good.replace(
            "<cbc:Percent>25</cbc:Percent>", "<cbc:Percent>20</cbc:Percent>"
        ),
        "SE-R-009": good.replace(">50501055<", ">505<"),
        "SE-R-013": good.replace(">2120000118<", ">2120000119<"),
        "PEPPOL-EN16931-R003": good.replace(
            "<cbc:BuyerReference>KS-4711</cbc:BuyerReference>", ""
        ),
        "BR-CO-15": good.replace(
            '<cbc:TaxInclusiveAmount currencyID="SEK">60000.00',
            '<cbc:TaxInclusiveAmount currencyID="SEK">60001.00',
        ),
    }

    for rule, xml in broken.items():
        assert xml != good, rule
        assert any(rule in finding for finding in einvoice_findings(xml.encode())), rule


def test_an_access_point_that_is_down_is_tried_again_and_one_that_refuses_is_not(
    alpha, beta, einvoicing, access_point, django_capture_on_commit_callbacks
):
    _account(alpha)
    _account(beta)
    access_point.failures = [503]
    with django_capture_on_commit_callbacks(execute=True):
        einvoice_for_invoice(_invoice(einvoicing, alpha, number="A-1")["id"])
    waiting = EInvoice.objects.get(number="A-1")
    not_yet = einvoices_send_due()
    EInvoice.objects.filter(pk=waiting.pk).update(next_attempt_at=waiting.created_at)
    later = einvoices_send_due()
    access_point.failures = [400]
    with django_capture_on_commit_callbacks(execute=True):
        einvoice_for_invoice(_invoice(einvoicing, beta, number="B-1")["id"])
    refused = EInvoice.objects.get(number="B-1")
    after_refusal = einvoices_send_due()

    assert waiting.status == EInvoice.Status.QUEUED
    assert "503" in waiting.last_error
    assert waiting.next_attempt_at is not None
    assert (not_yet, later, after_refusal) == (0, 1, 0)
    assert EInvoice.objects.get(number="A-1").status == EInvoice.Status.SENT
    assert refused.status == EInvoice.Status.FAILED
    assert "400" in refused.last_error
    assert len(access_point.received) == 1

    operator = operator_signed_in("kassor")
    with django_capture_on_commit_callbacks(execute=True):
        resend = operator.post(
            f"/operator/tenants/{beta.slug}/e-invoices/{refused.pk}/send/",
            HTTP_HOST=PUBLIC_HOST,
        )
    wrong_tenant = operator.post(
        f"/operator/tenants/{alpha.slug}/e-invoices/{refused.pk}/send/",
        HTTP_HOST=PUBLIC_HOST,
    )

    assert resend.status_code == 302
    assert EInvoice.objects.get(number="B-1").status == EInvoice.Status.SENT
    assert wrong_tenant.status_code == 404
    assert len(access_point.received) == 2


def test_the_operator_downloads_the_document_and_nobody_else_can(
    alpha, beta, einvoicing
):
    _account(alpha)
    einvoice_for_invoice(_invoice(einvoicing, alpha)["id"])
    einvoice = EInvoice.objects.get()
    url = f"/operator/tenants/{alpha.slug}/e-invoices/{einvoice.pk}.xml"
    operator = operator_signed_in("kassor")
    no_permission = operator_signed_in("praktikant")  # staff, but no group
    get_user_model().objects.get(username="praktikant").groups.clear()

    page = operator.get(f"/operator/tenants/{alpha.slug}/", HTTP_HOST=PUBLIC_HOST)
    download = operator.get(url, HTTP_HOST=PUBLIC_HOST)
    other_tenant = operator.get(
        f"/operator/tenants/{beta.slug}/e-invoices/{einvoice.pk}.xml",
        HTTP_HOST=PUBLIC_HOST,
    )
    refused = no_permission.get(url, HTTP_HOST=PUBLIC_HOST)
    tenant_host = operator.get(url, HTTP_HOST=ALPHA_HOST)

    assert "KOMPIS-0001" in page.content.decode()
    assert download.status_code == 200
    assert download["Content-Type"] == "application/xml; charset=utf-8"
    assert 'filename="KOMPIS-0001.xml"' in download["Content-Disposition"]
    assert download.content == einvoice.xml.encode()
    assert other_tenant.status_code == 404
    assert refused.status_code == 403
    assert tenant_host.status_code == 404


def test_two_workers_send_an_e_invoice_once(
    django_db_setup, django_db_blocker, fake_stripe, access_point, settings
):
    _sending_configured(settings, access_point)
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        public = Tenant.objects.get(schema_name="public")
        alpha = Tenant.objects.get(slug="alpha")
        account = _account(alpha)
        einvoice = EInvoice.objects.create(
            tenant=alpha,
            stripe_id="in_together",
            kind=EInvoice.Kind.INVOICE,
            number="T-1",
            xml="<Invoice/>",
            status=EInvoice.Status.QUEUED,
        )
        try:
            results = together(
                public,
                lambda: einvoice_attempt(einvoice.pk),
                lambda: einvoice_attempt(einvoice.pk),
            )

            assert sorted(r is None for r in results) == [False, True], results
            assert access_point.requests == 1
            einvoice.refresh_from_db()
            assert (einvoice.status, einvoice.attempts) == (EInvoice.Status.SENT, 1)
        finally:
            connection.set_schema_to_public()
            EInvoice.objects.filter(pk=einvoice.pk).delete()
            account.delete()
