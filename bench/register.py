"""make bench-register: registrations over HTTP against gunicorn.

Sets up a database of its own (kompis_bench_register) with one tenant running
Kv(in)na, starts gunicorn, and posts registrations (each a new person) to the public
registration API from several client threads. In the same run it measures
GET /healthz, which answers before any tenant lookup or database query, as the
floor of this HTTP stack on this machine. Prints requests per second, median and
p95 latency of both and their ratio.

    python bench/register.py [--requests 2000] [--concurrency 8] [--workers 4]
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serving import gunicorn_serving  # noqa: E402

BENCH_DB = "kompis_bench_register"
HOST = "bench.localhost"


def _database_url() -> str:
    from bench.provision import _bench_database_url  # same server handling

    return _bench_database_url(BENCH_DB)


def _setup(env: dict) -> str:
    script = """
import django; django.setup()
from django.core.management import call_command
from django_tenants.utils import tenant_context
from tenants.services.provisioning import tenant_provision
from matching.programs.services import program_create_from_template
call_command("migrate_platform", verbosity=0)
tenant = tenant_provision(
    slug="bench", name="Bench", domain="bench.localhost", status="active"
)
with tenant_context(tenant):
    print(program_create_from_template(template_key="kvinna", status="open").slug)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stderr)
    return result.stdout.strip().splitlines()[-1]


def _payload(number: int) -> bytes:
    return json.dumps(
        {
            "side": "a" if number % 2 else "b",
            "first_name": f"Person{number}",
            "email": f"person{number}@example.se",
            "phone": "070-123 45 67",
            "gender": "woman",
            "birth_date": "1990-05-17",
            "municipality": "0182",
            "arrived_in_sweden_year": 2020,
            "answers": {
                "employed": "yes",
                "field": "health",
                "interests": ["cooking"],
                "availability": ["weekend"],
                "languages": "svenska, arabiska",
            },
            "consent": True,
        }
    ).encode()


def _run(
    port: int, requests: int, concurrency: int, make_request
) -> tuple[float, list[float], int]:
    local = threading.local()
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def one(number: int):
        nonlocal errors
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        method, path, body = make_request(number)
        headers = {"Host": HOST, "Content-Type": "application/json"}
        started = time.perf_counter()
        local.conn.request(method, path, body=body, headers=headers)
        response = local.conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            if response.status >= 300:
                errors += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(requests)))
    return time.perf_counter() - started, latencies, errors


def _report(label: str, seconds: float, latencies: list[float], errors: int) -> float:
    rps = len(latencies) / seconds
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label:<34} {rps:8.1f} req/s"
        f"   median {statistics.median(latencies) * 1000:7.1f} ms"
        f"   p95 {p95 * 1000:7.1f} ms   errors {errors}",
        flush=True,
    )
    return rps


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "False",
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "dummymail://",
        "REGISTRATION_THROTTLE_RATE": "",
        "DB_CONN_MAX_AGE": "60",
    }
    env.pop("CELERY_BROKER_URL", None)  # messages are sent in-process, as in the demo
    slug = _setup(env)
    with gunicorn_serving(env, workers=args.workers) as port:
        print(
            f"bench-register: gunicorn {args.workers} workers,"
            f" {args.concurrency} client threads, {args.requests} requests each,"
            f" {os.cpu_count()} CPUs (clients share them)",
            flush=True,
        )
        _run(port, 50, args.concurrency, lambda n: ("GET", "/healthz", None))  # warm up
        floor = _report(
            "GET /healthz (floor)",
            *_run(
                port,
                args.requests,
                args.concurrency,
                lambda n: ("GET", "/healthz", None),
            ),
        )
        path = f"/api/v1/programs/{slug}/registrations/"
        register = _report(
            "POST registration (new person)",
            *_run(
                port,
                args.requests,
                args.concurrency,
                lambda n: ("POST", path, _payload(n)),
            ),
        )
        print(f"registration throughput is {register / floor:.2f} of the floor's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
