"""What browser tests share: the site in gunicorn on the test database, Debian's
Chromium through Playwright (never a downloaded browser), and axe-core."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import serving
from tests.workers import ROOT, test_database_url

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / ".local" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextmanager
def gunicorn_serving(**env_overrides):
    """gunicorn on the test database in another process; yields its port.

    What it must see has to be committed. Messages go out in-process (no broker).
    """
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "LOG_LEVEL": "WARNING",
        **env_overrides,
    }
    env.pop("CELERY_BROKER_URL", None)
    try:
        with serving.gunicorn_serving(env, workers=2) as port:
            yield port
    except serving.ServerDidNotStart as error:
        pytest.fail(str(error))


@contextmanager
def chromium_launched():
    """Start it after the site is up and close it before database tests run in
    this thread again: Playwright runs an event loop here, and Django refuses
    database work while one runs."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


CSP_REFUSAL = "Content Security Policy"


@contextmanager
def page_opened(browser):
    """A page in a new context. Whatever the page's Content-Security-Policy
    refused while it was open fails the test: the policy must fit the pages."""
    context = browser.new_context(locale="sv-SE")
    refused = []
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                refused.append(f"{page.url}: {message.text}")
                if CSP_REFUSAL in message.text
                else None
            ),
        )
        yield page
    finally:
        context.close()
    assert refused == [], refused


def axe_violations(page, *, impacts=("serious", "critical")) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the given impact on the page."""
    assert AXE.exists(), f"{AXE} is missing: `make test` installs axe-core from npm"
    # Evaluated through the DevTools protocol: the page's CSP forbids inline
    # script, which add_script_tag would be.
    page.evaluate(AXE.read_text() + "\n;true")
    results = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} "
        f"at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in impacts
    ]


def outside_the_browser_loop(call):
    """Run `call` (database work) in a thread of its own: Playwright's sync API
    keeps an event loop running in the test's thread, where Django refuses
    database calls. The thread closes its connection when done."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run():
        try:
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def staff_signed_in(page, base: str, tenant, group: str, django_db_blocker):
    """Sign `page` in to `base`'s admin as a new member of `group` in `tenant`,
    through the sign-in form (Swedish labels). The password is hashed as the served
    site (dev settings, not the tests' fast hasher) can check it."""
    import uuid

    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django_tenants.utils import tenant_context

    from tests.factories import PASSWORD, staff_user

    def member():
        user = staff_user(tenant, group=group, username=f"b-{uuid.uuid4().hex[:8]}")
        with tenant_context(tenant):
            hasher = PBKDF2PasswordHasher()
            user.password = hasher.encode(PASSWORD, hasher.salt())
            user.save(update_fields=["password"])
        return user

    with django_db_blocker.unblock():
        user = outside_the_browser_loop(member)
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/admin/")
    return user


def operator_made(username: str):
    """A member of the operator group in the public schema, committed, whose
    password the served site (dev settings' hasher) can check. Call it outside
    the browser loop; remove it with operator_removed."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.auth.models import Group
    from django.db import connection

    from tenants.roles import OPERATORS
    from tests.factories import PASSWORD

    connection.set_schema_to_public()
    hasher = PBKDF2PasswordHasher()
    user = get_user_model().objects.create(
        username=username,
        email=f"{username}@example.se",
        is_staff=True,
        password=hasher.encode(PASSWORD, hasher.salt()),
    )
    user.groups.add(Group.objects.get(name=OPERATORS))
    return user


def operator_removed(user) -> None:
    """Not user.delete(): its cascade looks for Wagtail's tables, which live in
    tenant schemas only."""
    from django.db import connection

    connection.set_schema_to_public()
    user.groups.clear()
    type(user).objects.filter(pk=user.pk)._raw_delete(connection.alias)


def operator_signed_in_page(page, base: str, user) -> None:
    """Sign `page` in to the operator console through its form."""
    from tests.factories import PASSWORD

    page.goto(f"{base}/operator/login/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/operator/")
