"""Browser tests: gunicorn serving the test database, Debian's Chromium driven by
Playwright, e-mail caught by a local SMTP server, axe-core injected into pages.

The site runs in another process, so what it must see is committed: a session
tenant `kvinna` (as the demo seeds it) is provisioned for real and dropped after.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.workers import free_port, test_database_url

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / ".local" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def kvinna_site(django_db_setup, django_db_blocker):
    from django_tenants.utils import tenant_context

    from cms.demo import demo_site_seed
    from matching.demo import demo_programs_seed
    from tenants.services.provisioning import tenant_provision

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        tenant = tenant_provision(
            slug="kvinna",
            name="Kv(in)na",
            domain="kvinna.localhost",
            kind="partnership",
            status="active",
        )
        with tenant_context(tenant):
            # As `make demo` seeds it: the program, then the landing site.
            demo_programs_seed(tenant=tenant, port=80)
            demo_site_seed(tenant=tenant, port=80)
        connection.set_schema_to_public()
    yield tenant
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        tenant.delete(force_drop=True)


@pytest.fixture(scope="session")
def live_port(kvinna_site, mailbox):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "False",
        "DATABASE_URL": test_database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
        "REGISTRATION_THROTTLE_RATE": "",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CELERY_BROKER_URL", None)  # e-mail goes out in-process, after commit
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("gunicorn did not start")
    yield port
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(live_port):
    # Per module: Playwright's event loop must be gone before tests that use the
    # database run in this thread again.
    # After the site is up: Playwright runs an event loop in this thread, and Django
    # refuses database work while one runs.
    _ = live_port
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, *, impacts=("serious", "critical")) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the given impact on the page."""
    assert AXE.exists(), f"{AXE} is missing: `make test` installs axe-core from npm"
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in impacts
    ]
