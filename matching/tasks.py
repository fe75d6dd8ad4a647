from celery import shared_task


@shared_task(acks_late=True)
def message_send(message_id: int) -> str:
    """One attempt to send an outbox message, in the schema named by the
    `_schema_name` header. A failed attempt schedules the next one itself, with a
    countdown (matching/outbox/services.py); a message already sent, or held by
    another attempt, is left alone."""
    from matching.outbox.services import message_attempt

    message = message_attempt(message_id=message_id)
    return message.status if message is not None else "not-taken"


@shared_task(acks_late=True)
def outbox_flush(schema_name: str) -> int:
    from matching.outbox.services import outbox_flush as flush

    return flush(schema_name=schema_name)


@shared_task(acks_late=True)
def outbox_flush_all() -> int:
    """Beat job: in every ready tenant, hand over what is due in the outbox."""
    from matching.outbox.services import outbox_flush as flush
    from tenants.beat import for_each_ready_tenant

    return for_each_ready_tenant(
        "outbox_flush_all", lambda tenant: flush(schema_name=tenant.schema_name)
    )


@shared_task(bind=True, acks_late=True, soft_time_limit=600, time_limit=660)
def match_run_execute(self, run_id: int) -> int:
    """Run the matching core for one program: on a worker, never a web process,
    with a time limit; the run row shows progress and, on failure, why."""
    from celery.exceptions import SoftTimeLimitExceeded

    from matching.matches.runs import match_run_execute as execute
    from matching.matches.runs import match_run_fail_stale

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
    from tenants.beat import for_each_ready_tenant

    return for_each_ready_tenant("match_reminders_all", _reminders_send)


def _reminders_send(tenant) -> int:
    from wagtail.models import Site

    from matching.events.services import event_reminders_send
    from matching.matches.outcomes import end_followups_send, six_month_followups_send
    from matching.matches.reminders import match_reminders_send

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return 0
    return (
        match_reminders_send(base_url=site.root_url)
        + event_reminders_send(base_url=site.root_url)
        + end_followups_send(base_url=site.root_url)
        + six_month_followups_send(base_url=site.root_url)
    )


@shared_task(acks_late=True)
def match_runs_scheduled() -> int:
    """Beat job: start a run for every open program that asks for weekly matching
    (not per-session programs, whose runs follow their sessions)."""
    from tenants.beat import for_each_ready_tenant

    return for_each_ready_tenant("match_runs_scheduled", _weekly_runs_start)


def _weekly_runs_start(tenant) -> int:
    from config.errors import ApplicationError
    from matching.matches.runs import match_run_start
    from matching.models import Program

    started = 0
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
    its program's commitment (met, not met, behind, on track)."""
    from tenants.beat import for_each_ready_tenant

    return for_each_ready_tenant("match_commitments_all", _commitments_evaluate)


def _commitments_evaluate(tenant) -> int:
    from matching.matches.commitment import matches_commitment_evaluate

    return matches_commitment_evaluate()


@shared_task(acks_late=True)
def retention_all() -> int:
    """Beat job, daily: in every ready tenant, delete registrations never
    confirmed and one-time links past their time (matching.privacy.retention);
    a tenant that fails is logged and the others still run."""
    from tenants.beat import for_each_ready_tenant

    return for_each_ready_tenant("retention_all", _retention_run)


def _retention_run(tenant) -> int:
    from matching.privacy.retention import retention_run

    return retention_run()
