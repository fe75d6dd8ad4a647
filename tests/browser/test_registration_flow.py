"""A visitor registers on kvinna.localhost by keyboard, confirms by the e-mail link
and sees their status; every page passes axe-core (no serious or critical issue)."""

import pytest

from tests.browsers import axe_violations

pytestmark = pytest.mark.slow


def test_register_by_keyboard_confirm_by_email_and_see_status(page, live_port, mailbox):
    base = f"http://kvinna.localhost:{live_port}"
    # From the home page, through the program teaser, to the program's sign-up.
    page.goto(f"{base}/")
    page.locator("main a[href*='mentorskap']").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Anmäl dig som adept").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/anmalan/kvinna/?side=a")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert axe_violations(page) == []

    # Sending the empty form by keyboard: the errors are announced and linked.
    page.get_by_role("button", name="Skicka anmälan").focus()
    page.keyboard.press("Enter")
    alert = page.get_by_role("alert").first
    alert.wait_for()
    assert "Fyll i förnamn" in alert.inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Förnamn").fill("Amina")
    page.get_by_label("E-post").fill("amina.browser@example.se")
    page.get_by_label("Mobilnummer").fill("070-123 45 67")
    page.get_by_label("Kön").select_option("woman")
    page.get_by_label("Födelsedatum").fill("1995-04-12")
    page.get_by_label("Kommun där du bor").select_option("0182")
    page.get_by_label("Vård och hälsa").focus()
    page.keyboard.press("Space")
    page.get_by_label("Vardagskvällar").focus()
    page.keyboard.press("Space")
    page.get_by_label("Vilka språk talar du?").fill("arabiska, svenska")
    page.get_by_label("Jag har läst hur mina uppgifter hanteras").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Skicka anmälan").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/anmalan/kvinna/tack/")
    assert "Kolla din e-post" in page.content()
    assert axe_violations(page) == []

    message = mailbox.wait_for("amina.browser@example.se")
    assert message["Subject"] == "Bekräfta din anmälan till Kv(in)na"
    page.goto(mailbox.link(message, "/deltagare/bekrafta/"))
    page.wait_for_url("**/deltagare/")
    status = page.get_by_role("status").inner_text()
    assert "I kön" in status and "i kön" in status
    assert axe_violations(page) == []

    page.get_by_role("link", name="Ändra dina svar").click()
    page.wait_for_url("**/deltagare/svar/")
    assert axe_violations(page) == []
