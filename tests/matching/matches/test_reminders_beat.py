"""A beat job that fails for one tenant (e.g. a schema mid-migration)
logs it with the schema's name and goes on with the others."""

import logging

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.models import MatchRun, Message, Program
from matching.outbox.services import message_queue
from matching.programs.services import program_create_from_template
from matching.tasks import match_reminders_all, match_runs_scheduled, outbox_flush_all
from tests.matching.factories import MatchFactory, ParticipantFactory


@pytest.fixture
def beta_program(beta) -> Program:
    with tenant_context(beta):
        return program_create_from_template(template_key="kvinna", status="open")


def _failure_logged(caplog, job: str, schema: str) -> bool:
    return any(
        record.levelno == logging.ERROR
        and record.getMessage() == f"{job} failed for tenant {schema}"
        and record.exc_info
        for record in caplog.records
    )


def test_a_tenant_that_fails_does_not_stop_the_others_reminders(
    alpha, kvinna, beta, beta_program, caplog
):
    MatchFactory(
        program=kvinna,
        participant_a=ParticipantFactory(
            program=kvinna, side_key="a", first_name="Amina"
        ),
        participant_b=ParticipantFactory(
            program=kvinna, side_key="b", first_name="Sara"
        ),
        published_days_ago=31,
    )
    with tenant_context(beta):
        MatchFactory(
            program=beta_program,
            participant_a=ParticipantFactory(
                program=beta_program, side_key="a", first_name="Nour"
            ),
            participant_b=ParticipantFactory(
                program=beta_program, side_key="b", first_name="Eva"
            ),
            published_days_ago=31,
        )
    with tenant_context(alpha), connection.cursor() as cursor:
        # As if a migration were replacing the table right now.
        cursor.execute("ALTER TABLE matching_meeting RENAME TO matching_meeting_old")

    sent = match_reminders_all()

    assert sent >= 2
    with tenant_context(beta):
        reminded = set(
            Message.objects.filter(template_key="meeting_reminder").values_list(
                "to", flat=True
            )
        )
    assert reminded == {"nour@example.se", "eva@example.se"}
    assert not Message.objects.filter(template_key="meeting_reminder").exists()
    assert _failure_logged(caplog, "match_reminders_all", "alpha")


def test_a_tenant_mid_migration_does_not_stop_the_others_outbox(alpha, beta, caplog):
    with tenant_context(alpha), connection.cursor() as cursor:
        # As if a migration were replacing the table right now.
        cursor.execute("ALTER TABLE matching_message RENAME TO matching_message_old")
    with tenant_context(beta):
        message = message_queue(
            channel="email", to="nour@example.se", subject="Hej", body="Hej Nour"
        )
        Message.objects.filter(pk=message.pk).update(claimed_until=None)

    handed_over = outbox_flush_all()

    assert handed_over == 1
    with tenant_context(beta):
        assert Message.objects.get(pk=message.pk).status == Message.Status.SENT
    assert [m.to for m in mail.outbox] == [["nour@example.se"]]
    assert _failure_logged(caplog, "outbox_flush_all", "alpha")


def test_a_tenant_mid_migration_does_not_stop_the_others_weekly_runs(
    kvinna, beta, beta_program, caplog
):
    Program.objects.filter(pk=kvinna.pk).update(match_weekly=True)
    with connection.cursor() as cursor:  # alpha's schema is active
        cursor.execute("ALTER TABLE matching_matchrun RENAME TO matching_matchrun_old")
    with tenant_context(beta):
        Program.objects.filter(pk=beta_program.pk).update(match_weekly=True)
        ParticipantFactory(program=beta_program, side_key="a", first_name="Nour")
        ParticipantFactory(program=beta_program, side_key="b", first_name="Eva")

    started = match_runs_scheduled()

    assert started == 1
    with tenant_context(beta):
        run = MatchRun.objects.get(program=beta_program)
        assert run.created_at <= timezone.now()
    assert _failure_logged(caplog, "match_runs_scheduled", "alpha")
