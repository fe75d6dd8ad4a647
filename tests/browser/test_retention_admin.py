"""Retention in Chromium, as a coordinator and an administrator of the kvinna site
(seeded as `make demo` seeds it, with people due within 30 days): they sign in
through the Swedish form, the pages pass axe-core, nothing is refused by the CSP
(no Gravatar avatars), and a hold is made by keyboard."""

import pytest
from django_tenants.utils import tenant_context

from matching.roles import ADMINISTRATORS, COORDINATORS
from tests.browsers import axe_violations, outside_the_browser_loop, staff_signed_in

pytestmark = pytest.mark.slow


def test_a_coordinator_holds_someone_due_by_keyboard(
    page, live_port, kvinna_site, django_db_blocker
):
    from matching.models import Participant

    base = f"http://kvinna.localhost:{live_port}"
    staff_signed_in(page, base, kvinna_site, COORDINATORS, django_db_blocker)

    page.goto(f"{base}/admin/matchning/gallring/")

    assert axe_violations(page) == []
    reasons = page.get_by_label("Skäl att spara")
    assert reasons.count() == 3
    reasons.first.fill("Öppet ärende hos socialtjänsten")
    reasons.first.press("Enter")
    page.get_by_text("är undantagen från gallring").wait_for()

    def held_and_released() -> list[str]:
        with tenant_context(kvinna_site):
            held = Participant.objects.exclude(retention_hold_reason="")
            reasons = list(held.values_list("retention_hold_reason", flat=True))
            held.update(retention_hold_reason="", retention_held_at=None)
            return reasons

    with django_db_blocker.unblock():
        reasons = outside_the_browser_loop(held_and_released)
    assert reasons == ["Öppet ärende hos socialtjänsten"]


def test_an_administrator_reads_and_sets_the_rules(
    page, live_port, kvinna_site, django_db_blocker
):
    base = f"http://kvinna.localhost:{live_port}"
    staff_signed_in(page, base, kvinna_site, ADMINISTRATORS, django_db_blocker)

    page.goto(f"{base}/admin/matchning/gallringsregler/")
    assert axe_violations(page) == []
    assert "Gallringsbeslut (demo)" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ändra regel").first.click()
    assert axe_violations(page) == []
    assert page.get_by_label("Beslutsdatum").input_value() == "2025-06-01"
