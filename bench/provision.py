"""make bench-provision: tenant creation by cloning the template vs. by migrations.

Runs in a database of its own (kompis_bench, dropped and recreated) on the server of
DATABASE_URL, or on the embedded PostgreSQL when that is unset. Prints, with few
tenants present and again with --many tenants present, the median and p95 seconds of
provisioning by cloning and by running every tenant migration, and their ratio; then
the time of `migrate_schemas` with nothing to apply over all tenants.

    python bench/provision.py [--few 5] [--many 300] [--migration-samples 3]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "kompis_bench"


def _bench_database_url(name: str = BENCH_DB) -> str:
    import psycopg

    base = os.environ.get("DATABASE_URL")
    if not base:
        from config.localdb import database_url

        base = database_url()
    parts = urlsplit(base)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    conninfo = admin_url.replace("postgres://", "postgresql://", 1)
    if parts.hostname is None or parts.netloc.split("@")[-1].startswith("%2F"):
        from urllib.parse import unquote

        conninfo = (
            f"dbname=postgres user=postgres host={unquote(parts.netloc.split('@')[-1])}"
        )
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _by_migrations(slug: str):
    """The baseline: a new schema built by running every tenant migration."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils.module_loading import import_string
    from django_tenants.utils import tenant_context

    from tenants.models import Domain, Tenant

    connection.set_schema_to_public()
    tenant = Tenant.objects.create(
        slug=slug, name=slug.title(), schema_name=slug.replace("-", "_")
    )
    Domain.objects.create(
        domain=f"{slug}.bench.localhost", tenant=tenant, is_primary=True
    )
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{tenant.schema_name}"')
    call_command(
        "migrate_schemas",
        tenant=True,
        schema_name=tenant.schema_name,
        interactive=False,
        verbosity=0,
    )
    with tenant_context(tenant):
        for path in settings.PLATFORM_TENANT_HOOKS["template"]:
            import_string(path)()
        for path in settings.PLATFORM_TENANT_HOOKS["tenant"]:
            import_string(path)(tenant=tenant, hostname=f"{slug}.bench.localhost")
    tenant.schema_ready = True
    tenant.save(update_fields=["schema_ready"])
    connection.set_schema_to_public()


def _by_cloning(slug: str):
    from tenants.services.provisioning import tenant_provision

    tenant_provision(slug=slug, name=slug.title(), domain=f"{slug}.bench.localhost")


def _timed(function, slugs: list[str]) -> list[float]:
    seconds = []
    for slug in slugs:
        started = time.perf_counter()
        function(slug)
        seconds.append(time.perf_counter() - started)
    return seconds


def _row(label: str, clone: list[float], migrate: list[float]) -> str:
    clone_median = statistics.median(clone)
    migrate_median = statistics.median(migrate)
    return (
        f"{label:<28} clone median {clone_median:6.2f} s"
        f"  p95 {_percentile(clone, 0.95):6.2f} s  (n={len(clone)})"
        f"   migrations median {migrate_median:6.2f} s  (n={len(migrate)})"
        f"   ratio {migrate_median / clone_median:5.1f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--few", type=int, default=5, help="clones measured with few tenants present"
    )
    parser.add_argument(
        "--many",
        type=int,
        default=300,
        help="tenants present for the second measurement",
    )
    parser.add_argument(
        "--clone-samples", type=int, default=10, help="clones measured at --many"
    )
    parser.add_argument(
        "--migration-samples",
        type=int,
        default=3,
        help="migration-built tenants per phase",
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = _bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DEBUG"] = "False"
    import django

    django.setup()
    from django.core.management import call_command

    from tenants.models import Tenant

    print(f"bench-provision: database {BENCH_DB}, {os.cpu_count()} CPUs", flush=True)
    started = time.perf_counter()
    call_command("migrate_platform", verbosity=0)
    print(
        f"migrate_platform on an empty database: {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    few_clone = _timed(_by_cloning, [f"clone-{i:03d}" for i in range(args.few)])
    few_migrate = _timed(
        _by_migrations, [f"migr-{i:03d}" for i in range(args.migration_samples)]
    )
    rows = [
        _row(
            f"with {Tenant.objects.count() - 1:>3} tenants present",
            few_clone,
            few_migrate,
        )
    ]
    print(rows[-1], flush=True)

    existing = Tenant.objects.count() - 1
    fill = max(0, args.many - existing)
    print(f"filling to {args.many} tenants by cloning ({fill} more) ...", flush=True)
    fill_seconds = _timed(_by_cloning, [f"fill-{i:03d}" for i in range(fill)])
    if fill_seconds:
        print(
            f"  fill: median {statistics.median(fill_seconds):.2f} s,"
            f" p95 {_percentile(fill_seconds, 0.95):.2f} s,"
            f"max {max(fill_seconds):.2f} s",
            flush=True,
        )

    many_clone = _timed(
        _by_cloning, [f"many-{i:03d}" for i in range(args.clone_samples)]
    )
    many_migrate = _timed(
        _by_migrations, [f"manymigr-{i:03d}" for i in range(args.migration_samples)]
    )
    rows.append(_row(f"with {args.many:>3} tenants present", many_clone, many_migrate))
    print(rows[-1], flush=True)

    tenants = Tenant.objects.count() - 1
    timings = {}
    for executor in ("standard", "multiprocessing"):
        started = time.perf_counter()
        call_command(
            "migrate_schemas",
            tenant=True,
            interactive=False,
            verbosity=0,
            executor=executor,
        )
        timings[executor] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("migrate_platform", verbosity=0)
    timings["migrate_platform (skips up-to-date schemas)"] = (
        time.perf_counter() - started
    )
    print("\nSummary")
    for row in rows:
        print("  " + row)
    print(
        f"  migrate_schemas, nothing to apply, {tenants} tenant schemas: "
        + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
