"""Retention in Chromium, as a coordinator and an administrator of the kvinna site
(seeded as `make demo` seeds it, with people due within 30 days): they sign in
through the Swedish form, the pages pass axe-core, nothing is refused by the CSP
(no Gravatar avatars), and a hold is made by keyboard."""

import pytest
from django_tenants.utils import tenant_context

from matching.roles import ADMINISTRATORS, COORDINATORS
from tests.browsers import axe_violations, outside_the_browser_loop
from tests.factories import PASSWORD, staff_user

pytestmark = pytest.mark.slow


def _member(tenant, group: str, username: str):
    """A member of `group`, with a password the served site (dev settings, not the
    tests' fast hasher) can check."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user = staff_user(tenant, group=group, username=username)
    with tenant_context(tenant):
        hasher = PBKDF2PasswordHasher()
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
    return user


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    # Labelled in Swedish, both (Wagtail's own form left the password's English).
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/admin/")


def test_a_coordinator_holds_someone_due_by_keyboard(
    page, live_port, kvinna_site, django_db_blocker
):
    from matching.models import Participant

    base = f"http://kvinna.localhost:{live_port}"
    with django_db_blocker.unblock():
        user = outside_the_browser_loop(
            lambda: _member(kvinna_site, COORDINATORS, "samord-b")
        )
    _sign_in(page, base, user.username)

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
    with django_db_blocker.unblock():
        user = outside_the_browser_loop(
            lambda: _member(kvinna_site, ADMINISTRATORS, "admin-b")
        )
    _sign_in(page, base, user.username)

    page.goto(f"{base}/admin/matchning/gallringsregler/")
    assert axe_violations(page) == []
    assert "Gallringsbeslut (demo)" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ändra regel").first.click()
    assert axe_violations(page) == []
    assert page.get_by_label("Beslutsdatum").input_value() == "2025-06-01"
