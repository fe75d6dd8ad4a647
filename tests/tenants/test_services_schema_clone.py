"""The clone of the template is the template: same tables, columns, constraints,
indexes (by name, as later migrations refer to them), rows and sequence positions."""

import pytest
from django.conf import settings
from django.db import connection, transaction

from tenants.services.schema_clone import schema_clone, schema_clone_check

TEMPLATE = settings.TENANT_BASE_SCHEMA


def _signature(schema: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid)
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname = %s AND c.relkind = 'r' AND a.attnum > 0
               AND NOT a.attisdropped
             ORDER BY 1, 2
            """,
            [schema],
        )
        columns = cursor.fetchall()
        cursor.execute("SHOW search_path")
        original_path = cursor.fetchone()[0]
        cursor.execute(f"SET LOCAL search_path TO {connection.ops.quote_name(schema)}")
        cursor.execute(
            """
            SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = k.connamespace
             WHERE n.nspname = %s AND k.contype <> 'n'
             ORDER BY 1, 2
            """,
            [schema],
        )
        constraints = cursor.fetchall()
        cursor.execute(f"SET LOCAL search_path TO {original_path}")
        # Predicates of partial indexes come back from a re-parse spelled differently
        # (same meaning), and columns dropped by migrations leave gaps in the
        # template's column numbers only, so indexes are compared by name, table,
        # uniqueness, column names, partial or not, and method.
        cursor.execute(
            """
            SELECT i.relname, t.relname, x.indisunique,
                   (SELECT array_agg(a.attname ORDER BY k.ord)
                      FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a
                        ON a.attrelid = x.indrelid AND a.attnum = k.attnum),
                   x.indpred IS NOT NULL, am.amname
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_am am ON am.oid = i.relam
              JOIN pg_namespace n ON n.oid = i.relnamespace
             WHERE n.nspname = %s
             ORDER BY 1
            """,
            [schema],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            """
            SELECT c.relname, c.reltuples FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY 1
            """,
            [schema],
        )
        tables = [row[0] for row in cursor.fetchall()]
        rows = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*) FROM {connection.ops.quote_name(schema)}."
                f"{connection.ops.quote_name(table)}"
            )
            rows[table] = cursor.fetchone()[0]
        cursor.execute(
            """
            SELECT s.relname, pg_sequence_last_value(s.oid)
              FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
             WHERE n.nspname = %s AND s.relkind = 'S' ORDER BY 1
            """,
            [schema],
        )
        sequences = cursor.fetchall()
    return {
        "columns": columns,
        "constraints": constraints,
        "indexes": indexes,
        "rows": rows,
        "sequences": sequences,
    }


def test_the_clone_matches_the_template(db):
    with transaction.atomic():
        expected = _signature(TEMPLATE)
        schema_clone(source=TEMPLATE, target="clone_probe")
        cloned = _signature("clone_probe")

    assert expected["constraints"], "the template should have constraints to compare"
    for part in ("columns", "constraints", "indexes", "rows", "sequences"):
        assert cloned[part] == expected[part], part


def test_sequences_continue_after_the_copied_rows(db):
    with transaction.atomic():
        schema_clone(source=TEMPLATE, target="clone_probe")
        with connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM clone_probe.wagtailcore_page")
            highest = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO clone_probe.wagtailcore_locale (language_code) "
                "VALUES ('xx') RETURNING id"
            )
            cursor.execute("SELECT max(id) FROM clone_probe.wagtailcore_locale")
            assert cursor.fetchone()[0] >= 2
    assert highest >= 1


def test_a_template_with_objects_the_clone_cannot_copy_is_refused(db):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIEW {TEMPLATE}.page_titles AS "
                f"SELECT title FROM {TEMPLATE}.wagtailcore_page"
            )
        with pytest.raises(RuntimeError, match="1 views"):
            schema_clone_check(source=TEMPLATE)
        transaction.set_rollback(True)
