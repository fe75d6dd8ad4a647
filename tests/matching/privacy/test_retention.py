"""Retention: registrations never confirmed go after the period with everything
that names them; confirmed people stay; old links go; counts, never names, are
logged; a real worker runs it in every tenant (anonymising people whose retention
passed, keeping their partner's history), and a tenant that fails does not stop
the others."""

import os
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.models import (
    Match,
    Message,
    Participant,
    ParticipantToken,
    Program,
    RetentionLogEntry,
)
from matching.participants.tokens import participant_token_issue
from matching.privacy.retention import retention_run
from tests.matching.committed import program_delete
from tests.matching.factories import ParticipantFactory
from tests.matching.privacy.stories import ended_pair

DAYS = 30


def _aged(participant: Participant, days: int) -> Participant:
    Participant.objects.filter(pk=participant.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return participant


def test_unconfirmed_registrations_go_after_the_period(kvinna):
    old = _aged(
        ParticipantFactory(
            program=kvinna, side_key="a", status="pending", email="old@example.se"
        ),
        DAYS + 1,
    )
    Message.objects.create(
        channel="email", to="old@example.se", body="Hej Old", participant=old
    )
    invited = _aged(
        ParticipantFactory(
            program=kvinna, side_key="a", status="invited", email="inv@example.se"
        ),
        DAYS + 1,
    )
    recent = _aged(
        ParticipantFactory(program=kvinna, side_key="a", status="pending"), DAYS - 1
    )
    confirmed = _aged(
        ParticipantFactory(program=kvinna, side_key="b", status="queued"), 400
    )

    removed = retention_run()

    left = set(Participant.objects.values_list("pk", flat=True))
    assert old.pk not in left and invited.pk not in left
    assert {recent.pk, confirmed.pk} <= left
    assert not Message.objects.filter(to="old@example.se").exists()
    entry = RetentionLogEntry.objects.get(kind="unconfirmed_deleted")
    assert (entry.program_id, entry.count, removed) == (kvinna.pk, 2, 2)
    # Counts only: the log has no column that could name anyone.
    assert {f.name for f in RetentionLogEntry._meta.fields} == {
        "id",
        "program",
        "day",
        "kind",
        "count",
    }

    # A second run the same day finds nothing and counts nothing more.
    assert retention_run() == 0
    assert RetentionLogEntry.objects.get(kind="unconfirmed_deleted").count == 2


def test_links_past_their_time_go_and_fresh_ones_stay(kvinna):
    amina = ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    participant_token_issue(participant=amina, purpose="manage")
    participant_token_issue(participant=amina, purpose="confirm")
    ParticipantToken.objects.filter(purpose="manage").update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    retention_run()

    assert list(ParticipantToken.objects.values_list("purpose", flat=True)) == [
        "confirm"
    ]
    assert RetentionLogEntry.objects.get(kind="links_expired").count == 1


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a Redis server (REDIS_URL)"
)
def test_a_real_worker_runs_it_in_every_tenant_past_a_broken_one(
    django_db_setup, django_db_blocker
):
    from matching.programs.services import program_create_from_template
    from matching.tasks import retention_all
    from tenants.models import Tenant
    from tests.workers import broker, wait_for, worker

    url = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/13"
    with django_db_blocker.unblock(), broker(url), worker(url) as process:
        connection.set_schema_to_public()
        # A tenant marked ready whose schema is missing, first in the order: its
        # run fails and the others still run.
        broken = Tenant.objects.create(
            slug="a-trasig", name="Trasig", schema_name="a_trasig", schema_ready=True
        )
        alpha, beta = Tenant.objects.get(slug="alpha"), Tenant.objects.get(slug="beta")
        made = []
        try:
            for tenant in (alpha, beta):
                with tenant_context(tenant):
                    program = program_create_from_template(
                        template_key="kvinna", slug="retention-test", status="open"
                    )
                    Program.objects.filter(pk=program.pk).update(retention_months=12)
                    person = _aged(
                        ParticipantFactory(
                            program=program, side_key="a", status="pending"
                        ),
                        DAYS + 5,
                    )
                    # A pair whose match ended 13 months ago; the partner was
                    # promised two years and keeps her history.
                    amina, sara, match = ended_pair(program, months=13)
                    Participant.objects.filter(pk=sara.pk).update(retention_months=24)
                    made.append((tenant, program, person.pk, amina.pk, sara.pk))

            retention_all.apply_async()

            def done() -> bool:
                for tenant, _program, pk, amina_pk, _sara in made:
                    with tenant_context(tenant):
                        if Participant.objects.filter(pk=pk).exists():
                            return False
                        amina = Participant.objects.get(pk=amina_pk)
                        if amina.status != Participant.Status.ERASED:
                            return False
                return True

            wait_for(done, process)
            for tenant, program, _pk, amina_pk, sara_pk in made:
                with tenant_context(tenant):
                    amina = Participant.objects.get(pk=amina_pk)
                    sara = Participant.objects.get(pk=sara_pk)
                    assert (amina.first_name, amina.email) == ("", "")
                    assert amina.erased_because == "retention"
                    assert (sara.first_name, sara.status) == ("Sara", "matched")
                    match = Match.objects.get(program=program)
                    assert match.meetings.count() == 1
                    assert (
                        RetentionLogEntry.objects.get(
                            program=program, kind="anonymised"
                        ).count
                        == 1
                    )
        finally:
            connection.set_schema_to_public()
            Tenant.objects.filter(pk=broken.pk).delete()
            for tenant, program, *_people in made:
                with tenant_context(tenant):
                    RetentionLogEntry.objects.all().delete()
                    program_delete(program)
            connection.set_schema_to_public()


def test_coordinators_read_the_counts_and_another_tenant_does_not(alpha, beta, kvinna):
    from matching.roles import COORDINATORS
    from tests.conftest import ALPHA_HOST, BETA_HOST
    from tests.factories import signed_in

    _aged(ParticipantFactory(program=kvinna, side_key="a", status="pending"), DAYS + 1)
    retention_run()
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    beta_coordinator = signed_in(beta, BETA_HOST, group=COORDINATORS)

    page = coordinator.get("/admin/retention_log/", HTTP_HOST=ALPHA_HOST)
    other = beta_coordinator.get("/admin/retention_log/", HTTP_HOST=BETA_HOST)

    assert page.status_code == 200 and other.status_code == 200
    assert [e.count for e in page.context["object_list"]] == [1]
    assert list(other.context["object_list"]) == []
    assert coordinator.get(
        "/admin/retention_log/new/", HTTP_HOST=ALPHA_HOST
    ).status_code in (403, 404, 302)


def test_the_record_of_processing_comes_from_the_programs(alpha, beta, kvinna):
    from matching.roles import ADMINISTRATORS, COORDINATORS
    from tests.conftest import ALPHA_HOST, BETA_HOST
    from tests.factories import signed_in

    sensitive = kvinna.questions.filter(sensitive=True).first()
    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)

    page = admin.get("/admin/matchning/behandlingsregister/", HTTP_HOST=ALPHA_HOST)
    download = admin.get(
        "/admin/matchning/behandlingsregister/?download=1", HTTP_HOST=ALPHA_HOST
    )

    text = download.content.decode()
    assert page.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert kvinna.name in text and kvinna.consent_purpose.split("\n")[0] in text
    assert kvinna.consent_recipients.split("\n")[0] in text
    assert f"{kvinna.retention_months} månader" in text
    if sensitive is not None:
        assert f"{sensitive.label_sv} <strong>(känslig)</strong>" in text
    # Coordinators do not get it; another tenant's record has none of alpha's.
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    refused = coordinator.get(
        "/admin/matchning/behandlingsregister/", HTTP_HOST=ALPHA_HOST
    )
    assert refused.status_code == 302
    beta_admin = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)
    beta_text = beta_admin.get(
        "/admin/matchning/behandlingsregister/?download=1", HTTP_HOST=BETA_HOST
    ).content.decode()
    assert kvinna.name not in beta_text
