"""Creating the configured database when the server has none of that name, so that
`make demo` against a fresh PostgreSQL server (DATABASE_URL) needs no createdb."""

from django.conf import settings
from django.core.management.base import CommandError


def database_create_if_missing(config: dict | None = None) -> bool:
    """Create the database of `config` (a DATABASES entry; the default one when
    None) through the server's `postgres` database when it does not exist; True
    when it was created. A server that cannot be reached, or refuses, is a
    CommandError with the server's own words."""
    import psycopg
    from psycopg import sql

    config = config or settings.DATABASES["default"]
    name = config["NAME"]
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "connect_timeout": 10,
    }
    try:
        with psycopg.connect(
            autocommit=True, **{k: v for k, v in params.items() if v is not None}
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists:
                return False
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )
            return True
    except psycopg.Error as error:
        raise CommandError(f"Could not create the database {name!r}: {error}") from None
