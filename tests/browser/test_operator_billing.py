"""The operator's billing pages in Chromium, as the operator works them: the
plans page (a plan made through the form), and a tenant's page with its
subscription section and an e-invoice to download; axe-core clean."""

import pytest

from tests.browsers import (
    axe_violations,
    operator_made,
    operator_removed,
    operator_signed_in_page,
    outside_the_browser_loop,
)

pytestmark = pytest.mark.slow

XML = '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice>KV-0001</Invoice>'


def _operator_and_einvoice(tenant):
    from tenants.models import EInvoice

    user = operator_made("b-kassor")
    einvoice = EInvoice.objects.create(
        tenant=tenant,
        stripe_id="in_browser_test",
        kind=EInvoice.Kind.INVOICE,
        number="KV-0001",
        total_ore=6_000_000,
        xml=XML,
        status=EInvoice.Status.SENT,
    )
    return user, einvoice


def _cleanup(user, einvoice):
    from django.db import connection

    from tenants.models import Plan

    connection.set_schema_to_public()
    einvoice.delete()
    operator_removed(user)
    Plan.objects.filter(name="Partnerskap i webbläsaren").delete()


def test_the_operator_keeps_plans_and_downloads_an_e_invoice(
    page, live_port, kvinna_site, django_db_blocker
):
    with django_db_blocker.unblock():
        user, einvoice = outside_the_browser_loop(
            lambda: _operator_and_einvoice(kvinna_site)
        )
    try:
        base = f"http://localhost:{live_port}"
        operator_signed_in_page(page, base, user)

        page.get_by_role("link", name="Planer").click()
        empty_violations = axe_violations(page)
        page.get_by_role("link", name="Ny plan").click()
        page.get_by_label("Namn").fill("Partnerskap i webbläsaren")
        page.get_by_label("Vad som ingår").fill("Flera kommuner, alla program")
        page.get_by_label("Pris i kronor, exklusive moms").fill("0")
        page.get_by_role("button", name="Spara").click()
        refused = page.get_by_role("alert").first.inner_text()
        form_violations = axe_violations(page)
        page.get_by_label("Pris i kronor, exklusive moms").fill("72000")
        page.get_by_role("button", name="Spara").click()
        page.wait_for_url(f"{base}/operator/plans/")
        listed = page.get_by_role("row", name="Partnerskap i webbläsaren").inner_text()

        page.goto(f"{base}/operator/tenants/{kvinna_site.slug}/")
        tenant_violations = axe_violations(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="KV-0001").click()
        downloaded = open(download.value.path(), encoding="utf-8").read()

        assert empty_violations == form_violations == tenant_violations == []
        assert "minst 1 krona" in refused
        assert "72000 kr" in listed
        assert download.value.suggested_filename == "KV-0001.xml"
        assert downloaded == XML
        assert "Fakturering genom Stripe är inte konfigurerad" in page.content()
    finally:
        with django_db_blocker.unblock():
            outside_the_browser_loop(lambda: _cleanup(user, einvoice))
