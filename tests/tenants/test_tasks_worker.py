"""A real Celery worker, against Redis, refreshes usage in the right tenant's schema."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import tenant_context
from wagtail.models import Page

from config.celery import app as celery_app
from tenants.models import Tenant, TenantUsage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL)"
    ),
]


def _broker_url() -> str:
    # A database of its own, so a stray queue from another run cannot interfere.
    return os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/14"


def _database_url() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}@{host}{port}/{db['NAME']}"


@pytest.fixture
def worker(django_db_setup, django_db_blocker):
    broker = _broker_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker,
    }
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "purge", "-f"],
        env=env,
        cwd=ROOT,
        check=False,
        capture_output=True,
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = {
        "broker_url": celery_app.conf.broker_url,
        "task_always_eager": celery_app.conf.task_always_eager,
    }
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    try:
        yield process
    finally:
        celery_app.conf.update(**previous)
        process.terminate()
        process.wait(timeout=20)
        with django_db_blocker.unblock():
            TenantUsage.objects.all().delete()
            with tenant_context(Tenant.objects.get(slug="beta")):
                get_user_model().objects.filter(username="only-in-beta").delete()
            Tenant.objects.filter(slug="halfmade").delete()


def _wait_for(predicate, process, timeout=45.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process.poll() is not None:
            raise AssertionError(process.stdout.read().decode())
        time.sleep(0.3)
    process.terminate()
    raise AssertionError(
        "worker did not finish in time:\n" + process.stdout.read().decode()
    )


def test_worker_refreshes_each_ready_tenant_in_its_own_schema(
    worker, django_db_blocker
):
    from tenants.tasks import tenant_usage_refresh_all

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        # A tenant whose schema is not ready (no schema at all): the beat job skips it.
        Tenant.objects.create(slug="halfmade", name="Half made", schema_name="halfmade")
        alpha = Tenant.objects.get(slug="alpha")
        beta = Tenant.objects.get(slug="beta")
        with tenant_context(alpha):
            alpha_pages = Page.objects.filter(depth__gt=1).count()

        with tenant_context(beta):
            get_user_model().objects.create_user("only-in-beta")
            beta_users = get_user_model().objects.count()
        with tenant_context(alpha):
            alpha_users = get_user_model().objects.count()
        assert alpha_users != beta_users

        # The beat job runs here; the per-tenant tasks it sends go through Redis.
        from tenants.selectors import tenants_ready

        assert tenant_usage_refresh_all.apply().get() == tenants_ready().count()

        _wait_for(
            lambda: TenantUsage.objects.filter(tenant__in=[alpha, beta]).count() == 2,
            worker,
        )

        usage = TenantUsage.objects.get(tenant=alpha)
        assert usage.pages == alpha_pages
        assert usage.users == alpha_users
        assert TenantUsage.objects.get(tenant=beta).users == beta_users
        assert not TenantUsage.objects.filter(tenant__slug="halfmade").exists()
