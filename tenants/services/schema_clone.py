"""Cloning the template schema into a new tenant schema, in time independent of how
many tenants exist.

django-tenants' `clone_schema()` SQL function asks `information_schema`, whose views
scan the whole catalogue: measured here it took 0.9 s with 8 tenants and 10 s with 50,
growing with every tenant. This clone reads only `pg_catalog` rows of the template's
namespace (index lookups) and replays the template's own definitions, so names of
constraints and indexes stay exactly as the migrations made them (later migrations
refer to them by name).

Covered, because the tenant apps' migrations create nothing else: tables with
identity columns, primary key / unique / check / exclusion / foreign key constraints,
indexes, rows. `schema_clone_check()` refuses a template holding views, triggers,
functions, types or free-standing sequences, so a migration that adds one fails
loudly at `migrate_platform` instead of producing incomplete tenants.
"""

from django.db import connection

SKIPPED_OBJECTS = (
    "The template schema {schema} holds objects the clone does not copy: {found}. "
    "Teach tenants.services.schema_clone to copy them."
)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def schema_clone_check(*, source: str) -> None:
    """Raise if `source` holds kinds of objects that `schema_clone` would not copy."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = %s)
            SELECT 'views', count(*) FROM pg_class
             WHERE relnamespace = (SELECT oid FROM ns) AND relkind IN ('v', 'm', 'f')
            UNION ALL
            SELECT 'triggers', count(*)
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = (SELECT oid FROM ns) AND NOT t.tgisinternal
            UNION ALL
            SELECT 'functions', count(*) FROM pg_proc
             WHERE pronamespace = (SELECT oid FROM ns)
            UNION ALL
            SELECT 'types', count(*) FROM pg_type
             WHERE typnamespace = (SELECT oid FROM ns)
               AND typtype IN ('e', 'd', 'r', 'm')
            UNION ALL
            SELECT 'free-standing sequences', count(*) FROM pg_class s
             WHERE s.relnamespace = (SELECT oid FROM ns) AND s.relkind = 'S'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d
                               WHERE d.objid = s.oid AND d.deptype IN ('a', 'i'))
            """,
            [source],
        )
        found = [f"{count} {kind}" for kind, count in cursor.fetchall() if count]
    if found:
        raise RuntimeError(
            SKIPPED_OBJECTS.format(schema=source, found=", ".join(found))
        )


def schema_clone(*, source: str, target: str) -> None:
    """Create schema `target` as a copy of `source`: structure and rows.

    Must run inside a transaction (the caller's `atomic()`): search_path is changed
    with SET LOCAL while definitions are read and replayed.
    """
    src, dst = _q(source), _q(target)
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        original_path = cursor.fetchone()[0]
        # Definitions read with the source first on the path come out unqualified.
        cursor.execute(f"SET LOCAL search_path TO {src}")
        cursor.execute(
            "SELECT oid, quote_ident(nspname) FROM pg_namespace WHERE nspname = %s",
            [source],
        )
        # pg_get_indexdef() names the table as quote_ident() spells the schema.
        namespace, src_as_printed = cursor.fetchone()
        cursor.execute(
            """
            SELECT c.relname,
                   array_agg(a.attname ORDER BY a.attnum)
                     FILTER (WHERE a.attgenerated = '')
              FROM pg_class c
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                                 AND NOT a.attisdropped
             WHERE c.relnamespace = %s AND c.relkind IN ('r', 'p')
             GROUP BY c.relname ORDER BY c.relname
            """,
            [namespace],
        )
        tables = cursor.fetchall()
        cursor.execute(
            """
            SELECT c.relname, k.conname, pg_get_constraintdef(k.oid), k.contype = 'f'
              FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
             WHERE k.connamespace = %s AND k.contype IN ('p', 'u', 'c', 'x', 'f')
             ORDER BY k.contype = 'f', c.relname, k.conname
            """,
            [namespace],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
             WHERE c.relnamespace = %s
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                               WHERE k.conindid = i.indexrelid
                                 AND k.contype IN ('p', 'u', 'x'))
            """,
            [namespace],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """
            SELECT c.relname, a.attname, s.relname
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_depend d ON d.refobjid = c.oid AND d.refobjsubid = a.attnum
                              AND d.deptype = 'i'
              JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
             WHERE c.relnamespace = %s AND a.attidentity <> ''
             ORDER BY 1, 2
            """,
            [namespace],
        )
        identities = cursor.fetchall()

        statements = [f"CREATE SCHEMA {dst}"]
        for table, columns in tables:
            statements.append(
                f"CREATE TABLE {dst}.{_q(table)} (LIKE {src}.{_q(table)} INCLUDING "
                "DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE "
                "INCLUDING COMMENTS)"
            )
            column_list = ", ".join(_q(column) for column in columns)
            statements.append(
                f"INSERT INTO {dst}.{_q(table)} ({column_list})"
                f" OVERRIDING SYSTEM VALUE SELECT {column_list} FROM {src}.{_q(table)}"
            )
        statements.append(f"SET LOCAL search_path TO {dst}")
        for table, name, definition, _is_foreign_key in constraints:
            statements.append(
                f"ALTER TABLE {dst}.{_q(table)} ADD CONSTRAINT {_q(name)} {definition}"
            )
        for definition in indexes:
            statements.append(
                definition.replace(f" ON {src_as_printed}.", f" ON {dst}.", 1)
            )
        # Identity sequences get the template's names (a renamed table keeps its
        # old sequence name), via temporary names so no two ever collide.
        for number, (table, column, _sequence) in enumerate(identities):
            qualified = _literal(f"{dst}.{_q(table)}")
            statements.append(
                "DO $$ BEGIN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', "
                f"pg_get_serial_sequence({qualified}, {_literal(column)}), "
                f"'clone_seq_{number}'); END $$"
            )
        for number, (_table, _column, sequence) in enumerate(identities):
            statements.append(
                f"ALTER SEQUENCE {dst}.clone_seq_{number} RENAME TO {_q(sequence)}"
            )
            statements.append(
                f"SELECT setval({_literal(f'{dst}.{_q(sequence)}')},"
                f" last_value, is_called) FROM {src}.{_q(sequence)}"
            )
        # Leave the path as django-tenants set it (it caches what it last set).
        statements.append(f"SET LOCAL search_path TO {original_path}")
        # One round trip: ~400 statements for the tenant apps of today.
        cursor.execute(";\n".join(statements))
