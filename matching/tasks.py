import logging

from celery import shared_task

from matching.services.messages import MessageNotSent

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(MessageNotSent,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
    acks_late=True,
)
def message_send(self, message_id: int) -> str:
    """Send one outbox message. Runs in the schema named by the `_schema_name`
    header that message_queue sets; a message already sent is not sent again."""
    from matching.services.messages import message_mark_failed
    from matching.services.messages import message_send as send

    try:
        message = send(message_id=message_id)
    except MessageNotSent:
        if self.request.retries >= self.max_retries:
            message_mark_failed(message_id=message_id)
        raise
    return message.status if message is not None else "missing"


@shared_task(acks_late=True)
def outbox_flush(schema_name: str) -> int:
    from matching.services.messages import outbox_flush as flush

    return flush(schema_name=schema_name)


@shared_task(acks_late=True)
def outbox_flush_all() -> int:
    """Beat job: in every ready tenant, re-send what waits in the outbox."""
    from django_tenants.utils import tenant_context

    from matching.services.messages import outbox_flush as flush
    from tenants.selectors import tenants_ready

    handed_over = 0
    for tenant in tenants_ready():
        with tenant_context(tenant):
            handed_over += flush(schema_name=tenant.schema_name)
    return handed_over


@shared_task(bind=True, acks_late=True, soft_time_limit=600, time_limit=660)
def match_run_execute(self, run_id: int) -> int:
    """Run the matching core for one program: on a worker, never a web process,
    with a time limit; the run row shows progress and, on failure, why."""
    from celery.exceptions import SoftTimeLimitExceeded

    from matching.services.matching_runs import match_run_execute as execute
    from matching.services.matching_runs import match_run_fail_stale

    try:
        return execute(run_id=run_id).proposals
    except SoftTimeLimitExceeded:
        match_run_fail_stale(
            run_id=run_id, reason="The run took longer than 10 minutes."
        )
        raise


@shared_task(acks_late=True)
def match_reminders_all() -> int:
    """Beat job: meeting reminders and follow-up surveys in every ready tenant."""
    from django_tenants.utils import tenant_context
    from wagtail.models import Site

    from matching.services.events import event_reminders_send
    from matching.services.matches import reminders_and_followups_send
    from tenants.selectors import tenants_ready

    sent = 0
    for tenant in tenants_ready():
        with tenant_context(tenant):
            site = Site.objects.filter(is_default_site=True).first()
            if site is not None:
                sent += reminders_and_followups_send(base_url=site.root_url)
                sent += event_reminders_send(base_url=site.root_url)
    return sent


@shared_task(acks_late=True)
def match_runs_scheduled() -> int:
    """Beat job: start a run for every open program that asks for weekly matching
    (not per-session programs, whose runs follow their sessions)."""
    from django_tenants.utils import tenant_context

    from matching.models import Program
    from matching.services.matching_runs import match_run_start
    from tenants.errors import ApplicationError
    from tenants.selectors import tenants_ready

    started = 0
    for tenant in tenants_ready():
        with tenant_context(tenant):
            for program in Program.objects.filter(
                status=Program.Status.OPEN, match_weekly=True, per_session=False
            ):
                try:
                    match_run_start(program=program)
                except ApplicationError:
                    continue  # busy, nobody waiting, rules to fix: next week
                started += 1
    return started


@shared_task(acks_late=True)
def match_commitments_all() -> int:
    """Beat job, daily: in every ready tenant, where each open match stands against
    its program's commitment (met, not met, behind, on track). A tenant that fails
    is logged and the others go on."""
    from django_tenants.utils import tenant_context

    from matching.services.matches import matches_commitment_evaluate
    from tenants.selectors import tenants_ready

    changed = 0
    for tenant in tenants_ready():
        try:
            with tenant_context(tenant):
                changed += matches_commitment_evaluate()
        except Exception:  # noqa: BLE001 - one tenant must not stop the others
            logger.exception("commitment check failed in %s", tenant.schema_name)
    return changed
