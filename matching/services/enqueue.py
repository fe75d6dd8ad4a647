"""Handing tasks to the broker from a tenant, so that a broker outage never fails
the request that saved the work: the row stays, and says so."""

import logging

logger = logging.getLogger(__name__)

ENQUEUE_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}


def task_enqueue(
    *, task, args: list, schema_name: str, countdown: float | None = None
) -> bool:
    """Send `task` with the tenant's schema in its headers (after `countdown`
    seconds if given); False (and a log line) when the broker is down."""
    try:
        # The schema travels explicitly: the worker never guesses the tenant.
        task.apply_async(
            args=args,
            countdown=countdown,
            headers={"_schema_name": schema_name},
            retry=True,
            retry_policy=ENQUEUE_RETRY,
        )
    except Exception:  # noqa: BLE001 - any broker failure: the caller's row keeps it
        logger.warning("broker unavailable; %s%s not handed over", task.name, args)
        return False
    return True
