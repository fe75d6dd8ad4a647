"""Running a beat job's body in every ready tenant, one tenant's failure isolated."""

import logging
from collections.abc import Callable
from contextlib import nullcontext

from django.db import connection, transaction
from django_tenants.utils import tenant_context

logger = logging.getLogger(__name__)


def for_each_ready_tenant(job: str, body: Callable[[object], int]) -> int:
    """Call `body(tenant)` inside each ready tenant's schema and add up what it
    returns. A tenant whose body raises (a bad template, a schema mid-migration) is
    logged with its schema name and skipped; the others still run.

    Beat jobs run in autocommit, where a failed statement leaves the connection
    usable. When the caller already holds a transaction, each tenant gets a
    savepoint so one tenant's database error does not poison the others.
    """
    from tenants.selectors import tenants_ready

    total = 0
    for tenant in tenants_ready().order_by("schema_name"):
        isolation = (
            transaction.atomic() if connection.in_atomic_block else nullcontext()
        )
        try:
            with isolation, tenant_context(tenant):
                total += body(tenant) or 0
        except Exception:
            logger.exception("%s failed for tenant %s", job, tenant.schema_name)
    return total
