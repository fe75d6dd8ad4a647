"""gunicorn serving the project in another process: the one harness that browser
tests (tests/browsers.py) and the HTTP benchmarks (bench/register.py,
bench/site.py) start the site with. No Django import: benchmarks use it before
any settings are chosen."""

import http.client
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def gunicorn_serving(env: dict, *, workers: int = 2, timeout: float = 30.0):
    """gunicorn with `env` (DATABASE_URL, DJANGO_SETTINGS_MODULE, ...) on a free
    port; yields the port once /healthz answers, stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env={**env, "PORT": str(port)},
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerDidNotStart(
                    f"gunicorn ({env.get('DJANGO_SETTINGS_MODULE')}) did not start"
                )
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
