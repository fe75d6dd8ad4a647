"""Building a tenant's snapshot: its monthly figures, read in its own schema
through matching's selectors, replace its rows in the public schema in one
transaction. Two builds of one tenant at the same moment take turns (an advisory
lock on the tenant), so the rows are always one build's whole."""

import logging

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context

from matching.monthly_figures import monthly_figures, programs_described
from reporting.models import SnapshotFigure, SnapshotProgram, SnapshotRun

logger = logging.getLogger(__name__)

LOCK_SPACE = 7412  # advisory locks: (this, tenant id)


def snapshot_of(tenant) -> SnapshotRun | None:
    return SnapshotRun.objects.filter(tenant_id=tenant.pk).first()


def snapshot_run_mark(tenant, **fields) -> None:
    SnapshotRun.objects.update_or_create(
        tenant=tenant,
        defaults=fields,
        create_defaults={"started_at": timezone.now(), **fields},
    )


def tenant_snapshot_build(tenant) -> int:
    """Rebuild `tenant`'s snapshot; how many figures it holds now."""
    with tenant_context(tenant), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, tenant.pk]
            )
        programs = programs_described()
        kinds = {program["pk"]: program["template_key"] for program in programs}
        rows = monthly_figures()
        _snapshot_delete(tenant)
        _programs_write(tenant, programs)
        _figures_copy(
            (
                tenant.pk,
                program,
                kinds.get(program, ""),
                month,
                side,
                code,
                metric,
                value,
            )
            for month, program, side, code, metric, value in rows
        )
        snapshot_run_mark(
            tenant,
            status=SnapshotRun.Status.DONE,
            finished_at=timezone.now(),
            figures=len(rows),
            error="",
        )
    return len(rows)


def _snapshot_delete(tenant) -> None:
    """Plain DELETEs: the ORM's would load every row first (other apps listen to
    deletions of any model), most of a rebuild's time."""
    funded = SnapshotProgram.funders.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {funded} WHERE snapshotprogram_id IN "
            f"(SELECT id FROM {SnapshotProgram._meta.db_table} WHERE tenant_id = %s)",
            [tenant.pk],
        )
        for model in (SnapshotFigure, SnapshotProgram):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE tenant_id = %s",
                [tenant.pk],
            )


def _programs_write(tenant, programs: list[dict]) -> None:
    """The programs and the funders each names (those still the tenant's funders:
    one that left the partnership is not told of the program any more)."""
    from tenants.selectors import tenant_funders

    funders = set(tenant_funders(tenant).values_list("pk", flat=True))
    written = SnapshotProgram.objects.bulk_create(
        SnapshotProgram(
            tenant=tenant,
            program_ref=program["pk"],
            name=program["name"],
            kind=program["template_key"],
        )
        for program in programs
    )
    SnapshotProgram.funders.through.objects.bulk_create(
        SnapshotProgram.funders.through(
            snapshotprogram_id=snapshot.pk, partnerorganisation_id=funder
        )
        for snapshot, program in zip(written, programs, strict=True)
        for funder in sorted(set(program["funders"] or []) & funders)
    )


FIGURE_COLUMNS = (
    "tenant_id",
    "program_ref",
    "program_kind",
    "month",
    "side",
    "municipality",
    "metric",
    "value",
)


def _figures_copy(rows) -> None:
    """Write figures with PostgreSQL's COPY: a tenant's snapshot is a thousand rows
    or more, and building a model object for each was most of a rebuild's time."""
    table = SnapshotFigure._meta.db_table
    columns = ", ".join(FIGURE_COLUMNS)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


class SnapshotFailed(Exception):
    """A tenant's snapshot could not be built this time (it is retried)."""


def snapshot_tenant_attempt(*, tenant_id: int, attempt: int = 1) -> int:
    """One attempt at a tenant's snapshot, recorded for the operator: running,
    done, or failed with the kind of error (never its text: a database error may
    quote a row). A tenant not ready (being provisioned, archived) is skipped.
    The connection's schema is as it was afterwards (a request that ran it eagerly
    goes on in its own tenant)."""
    with schema_context(get_public_schema_name()):
        return _attempt(tenant_id=tenant_id, attempt=attempt)


def _attempt(*, tenant_id: int, attempt: int) -> int:
    from tenants.selectors import tenants_ready

    tenant = tenants_ready().filter(pk=tenant_id).first()
    if tenant is None:
        return 0
    snapshot_run_mark(
        tenant,
        status=SnapshotRun.Status.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        attempts=attempt,
    )
    try:
        return tenant_snapshot_build(tenant)
    except Exception as error:
        logger.exception("snapshot of tenant %s failed", tenant.schema_name)
        connection.set_schema_to_public()
        snapshot_run_mark(
            tenant,
            status=SnapshotRun.Status.FAILED,
            finished_at=timezone.now(),
            error=type(error).__name__,
        )
        raise SnapshotFailed(tenant.schema_name) from error


def demo_snapshot_seed(*, tenant, port: int) -> None:
    """The seed_demo hook: the tenant's snapshot built at once (the nightly run
    would), so the operator's reports have figures in the demo."""
    tenant_snapshot_build(tenant)
