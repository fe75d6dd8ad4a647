"""The coordinators' report page in Chromium on the kvinna site as `make demo`
seeds it: charts beside tables, axe-core clean, nothing refused by the CSP, and
the period chosen by keyboard."""

import pytest

from matching.roles import COORDINATORS
from tests.browsers import axe_violations, staff_signed_in

pytestmark = pytest.mark.slow


def test_a_coordinator_reads_the_report_by_keyboard(
    page, live_port, kvinna_site, django_db_blocker
):
    base = f"http://kvinna.localhost:{live_port}"
    staff_signed_in(page, base, kvinna_site, COORDINATORS, django_db_blocker)

    page.goto(f"{base}/admin/rapporter/")
    start = page.get_by_label("Från", exact=True)
    start.fill("2024-01-01")
    start.press("Enter")
    page.wait_for_url("**start=2024-01-01**")

    assert axe_violations(page) == []
    assert page.locator("svg.report-chart").count() >= 2
    funnel = page.get_by_role("region", name="Personer per sida")
    assert funnel.get_by_role("row").count() == 5  # the header and four figures
    assert "Anmälda" in funnel.inner_text()


def test_a_coordinator_reads_and_downloads_a_funders_report(
    page, live_port, kvinna_site, django_db_blocker
):
    from django_tenants.utils import tenant_context

    from reporting.snapshots import tenant_snapshot_build
    from tests.browsers import outside_the_browser_loop

    def built() -> int:
        with tenant_context(kvinna_site):
            return tenant_snapshot_build(kvinna_site)

    with django_db_blocker.unblock():
        assert outside_the_browser_loop(built) > 0
    base = f"http://kvinna.localhost:{live_port}"
    staff_signed_in(page, base, kvinna_site, COORDINATORS, django_db_blocker)

    page.goto(f"{base}/admin/rapporter/")
    page.get_by_role("link", name="Finansiärsrapporter").click()
    page.get_by_label("Finansiär", exact=True).select_option(
        label="Stiftelsen för kvinnors etablering"
    )
    page.get_by_label("Från månad").fill("2024-01")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url("**funder=**")

    assert axe_violations(page) == []
    assert page.get_by_role(
        "heading", name="Rapport till Stiftelsen för kvinnors etablering"
    ).is_visible()
    programs = page.get_by_role("region", name="Programmen")
    assert "Alla programmen" in programs.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
