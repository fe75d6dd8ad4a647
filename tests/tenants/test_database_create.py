"""`make demo` against a fresh server: migrate_platform --create-database makes the
database named by DATABASE_URL, once; an unreachable server is a clear message."""

import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.management.base import CommandError

from config.database import database_create_if_missing


def _with_name(name: str, **changes) -> dict:
    return {**settings.DATABASES["default"], "NAME": name, **changes}


def _drop(name: str) -> None:
    config = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_the_database_is_created_once():
    name = f"kompis_create_{uuid.uuid4().hex[:8]}"
    try:
        assert database_create_if_missing(_with_name(name)) is True
        assert database_create_if_missing(_with_name(name)) is False
    finally:
        _drop(name)


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(CommandError, match="Could not create the database 'x'"):
        database_create_if_missing(_with_name("x", HOST="127.0.0.1", PORT="1"))
