"""The API's documentation page renders in Chromium from the platform's own files:
nothing refused by its Content-Security-Policy (page_opened fails the test on a
refusal), and a visitor sees the public endpoints only."""

import pytest

pytestmark = pytest.mark.slow


def test_the_api_documentation_renders_under_the_csp(page, live_port):
    page.goto(f"http://kvinna.localhost:{live_port}/api/docs/")
    page.get_by_text("Kompis Platform API").first.wait_for(timeout=20_000)

    text = page.locator("body").inner_text()
    assert "/api/v1/programs/" in text or "registrations" in text
    assert "/api/v1/staff/participants/" not in text
