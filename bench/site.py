"""make bench-site: a tenant's home page served by gunicorn, multi-tenant vs plain.

In a database of its own (kompis_bench_site) with the demo seeded, serves
JärfällaKompis'
home page three ways, in alternating rounds so load from elsewhere hits all alike:
  tenant     this platform without its page cache (tenant lookup, schema switch)
  plain      the same code as a single-tenant Wagtail site (bench/plain_settings.py)
  cached     this platform as configured, page cache on
and prints requests per second and median latency of each and the ratios.

    python bench/site.py [--requests 1500] [--rounds 3] [--workers 2] [--threads 8]
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serving import gunicorn_serving  # noqa: E402

HOST = "jarfalla.localhost:8000"
SETUPS = {
    "tenant": "bench.uncached_settings",
    "plain": "bench.plain_settings",
    "cached": "config.settings.dev",
}


def _setup(env: dict) -> None:
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate_platform', verbosity=0)\n"
        "call_command('seed_demo', '--port', '8000', verbosity=0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stderr[-3000:])


def _load(port: int, requests: int, threads: int) -> tuple[float, float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(requests // threads):
            started = time.perf_counter()
            connection.request("GET", "/", headers={"Host": HOST})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200 or b"rf\xc3\xa4llaKompis" not in body:
                raise RuntimeError(f"unexpected answer {response.status}")
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return len(latencies) / (time.perf_counter() - started), statistics.median(
        latencies
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    from bench.provision import _bench_database_url

    env = {
        **os.environ,
        "DATABASE_URL": _bench_database_url("kompis_bench_site"),
        "DEBUG": "False",
        "LOG_LEVEL": "WARNING",
        "PORT": "8000",
        "EMAIL_URL": "dummymail://",
    }
    env.pop("CELERY_BROKER_URL", None)
    _setup({**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in SETUPS}
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(
                gunicorn_serving(
                    {**env, "DJANGO_SETTINGS_MODULE": settings}, workers=args.workers
                )
            )
            for name, settings in SETUPS.items()
        }
        for port in servers.values():
            _load(port, 200, args.threads)  # warm up: connections, renditions, cache
        for _ in range(args.rounds):
            for name, port in servers.items():
                results[name].append(_load(port, args.requests, args.threads))
    load = os.getloadavg()[0]
    print(
        f"bench-site: {args.workers} gunicorn workers each,"
        f" {args.threads} client threads, "
        f"{args.rounds} alternating rounds of {args.requests}, load average {load:.1f}"
    )
    summary = {}
    for name, rounds in results.items():
        rps = statistics.median(r[0] for r in rounds)
        median = statistics.median(r[1] for r in rounds) * 1000
        summary[name] = rps
        print(f"  {name:<7} {rps:8.1f} req/s   median {median:7.1f} ms")
    print(
        f"  tenancy costs {1 - summary['tenant'] / summary['plain']:.1%} of throughput "
        f"(tenant/plain {summary['tenant'] / summary['plain']:.2f}); "
        f"page cache {summary['cached'] / summary['tenant']:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
