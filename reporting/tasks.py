"""The snapshot tasks: one per tenant (retried, its failure recorded for the
operator and kept from the others), and the nightly fan-out over every ready
tenant."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)

RETRIES = 3


@shared_task(bind=True, acks_late=True, max_retries=RETRIES, soft_time_limit=600)
def snapshot_tenant(self, tenant_id: int) -> int:
    from django.conf import settings

    from reporting.snapshots import SnapshotFailed, snapshot_tenant_attempt

    try:
        return snapshot_tenant_attempt(
            tenant_id=tenant_id, attempt=self.request.retries + 1
        )
    except SnapshotFailed as failure:
        if self.request.retries >= RETRIES:
            return 0  # recorded as failed; the operator sees it
        delay = settings.REPORT_SNAPSHOT_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(exc=failure, countdown=delay) from None


@shared_task(acks_late=True)
def snapshot_all() -> int:
    """Beat job: a snapshot task for every ready tenant."""
    from tenants.selectors import tenants_ready

    ids = list(tenants_ready().values_list("pk", flat=True))
    for tenant_id in ids:
        snapshot_tenant.delay(tenant_id)
    return len(ids)
