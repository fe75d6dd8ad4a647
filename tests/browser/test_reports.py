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
