"""The one way a service hands a task to the broker: by the task's name (so no
service imports matching.tasks), from a tenant, so that a broker outage never fails
the request that saved the work: the row stays, and says so."""

import logging

from celery import current_app

logger = logging.getLogger(__name__)

ENQUEUE_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}

# The task names services enqueue. Celery beat and messages already in the broker
# refer to tasks by these names: they never change.
MESSAGE_SEND = "matching.tasks.message_send"
MATCH_RUN_EXECUTE = "matching.tasks.match_run_execute"


def task_enqueue(
    *, name: str, args: list, schema_name: str, countdown: float | None = None
) -> bool:
    """Send the task called `name` with the tenant's schema in its headers (after
    `countdown` seconds if given); False (and a log line) when the broker is down.

    The task must be registered (matching.apps imports matching.tasks): an unknown
    name is a KeyError here, never a message sent where no worker reads it.
    """
    # The registered task itself, so that it runs in-process when there is no
    # broker (CELERY_TASK_ALWAYS_EAGER); the schema travels explicitly: the worker
    # never guesses the tenant.
    task = current_app.tasks[name]
    try:
        task.apply_async(
            args=args,
            countdown=countdown,
            headers={"_schema_name": schema_name},
            retry=True,
            retry_policy=ENQUEUE_RETRY,
        )
    except Exception:  # noqa: BLE001 - any broker failure: the caller's row keeps it
        logger.warning("broker unavailable; %s%s not handed over", name, args)
        return False
    return True
