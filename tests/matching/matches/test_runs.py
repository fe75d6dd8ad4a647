"""Starting a matching run: per-session programs through the staff API, a run that
cannot start says why (400 JSON, admin message), and two runs of one program never
run at once (in the database, and with two starts at the same moment)."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.matches.runs import (
    NOBODY,
    NOBODY_ON_SIDE,
    PROGRAM_NOT_OPEN,
    RULES_INVALID,
    RUN_ABANDONED,
    RUN_ABANDONED_AFTER,
    RUN_BUSY,
    SESSION_NOT_A_SESSION,
    SESSION_NOT_OF_PROGRAM,
    SESSION_NOT_PER_SESSION,
    SESSION_REQUIRED,
    match_run_start,
)
from matching.models import (
    Criterion,
    Event,
    MatchRun,
    Participant,
    Program,
    Question,
)
from matching.programs.services import program_create_from_template
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import api_token, second_step_passed
from tests.matching.committed import committed_program, together
from tests.matching.factories import ParticipantFactory
from tests.workers import REDIS_SERVER


def _coordinator_token(tenant) -> dict:
    with tenant_context(tenant):
        user = get_user_model().objects.create_user(
            "samordnare-runs", password="pw-123456789", is_staff=True
        )
        user.groups.add(Group.objects.get(name=COORDINATORS))
        token = api_token(user)
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def _start(client, auth, program, body, host=ALPHA_HOST):
    return client.post(
        f"/api/v1/staff/programs/{program.slug}/match-runs/",
        body,
        content_type="application/json",
        HTTP_HOST=host,
        **auth,
    )


@pytest.fixture
def fardighet(alpha) -> Program:
    with tenant_context(alpha):
        yield program_create_from_template(template_key="fardighet", status="open")


def _youth_and_coach(program) -> None:
    now = timezone.now()
    for side, name, birth in (
        ("a", "Ali", date(2008, 3, 1)),
        ("b", "Maria", date(1975, 1, 1)),
    ):
        Participant.objects.create(
            program=program,
            side_key=side,
            status="queued",
            first_name=name,
            email=f"{name.lower()}@example.se",
            gender="man",
            birth_date=birth,
            municipality="0127",
            answers={"themes": ["finance"], "languages": ["svenska"]},
            queued_at=now,
        )


def _event(program, kind="session", title="Privatekonomi") -> Event:
    now = timezone.now()
    return Event.objects.create(
        program=program,
        kind=kind,
        title=title,
        theme="finance",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )


def test_a_per_session_program_runs_through_the_staff_api(
    client, alpha, fardighet, django_capture_on_commit_callbacks
):
    _youth_and_coach(fardighet)
    session = _event(fardighet)
    auth = _coordinator_token(alpha)

    missing = _start(client, auth, fardighet, {})
    assert missing.status_code == 400
    assert missing.json()["message"] == SESSION_REQUIRED.format(program=fardighet.name)
    with django_capture_on_commit_callbacks(execute=True):
        started = _start(client, auth, fardighet, {"session": session.pk})
    assert started.status_code == 202, started.content
    run = MatchRun.objects.get(pk=started.json()["id"])
    assert run.session == session and run.status == MatchRun.Status.DONE
    assert run.proposals == 1


def test_a_run_that_cannot_start_says_why(
    client, alpha, kvinna, fardighet, django_capture_on_commit_callbacks
):
    auth = _coordinator_token(alpha)
    name = kvinna.name

    def refused(program, body=None):
        response = _start(client, auth, program, body or {})
        assert response.status_code == 400, response.content
        return response.json()["message"]

    assert refused(kvinna) == NOBODY.format(program=name)
    ParticipantFactory(program=kvinna, side_key="a", first_name="Amina", waited=1)
    assert refused(kvinna) == NOBODY_ON_SIDE.format(side="Mentor", program=name)
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)

    other_session = _event(fardighet)
    assert refused(kvinna, {"session": other_session.pk}) == (
        SESSION_NOT_OF_PROGRAM.format(program=name)
    )
    assert refused(kvinna, {"session": 999999}) == (
        SESSION_NOT_OF_PROGRAM.format(program=name)
    )
    network = _event(fardighet, kind="network", title="Nätverksträff")
    assert refused(fardighet, {"session": network.pk}) == (
        SESSION_NOT_A_SESSION.format(
            event="Nätverksträff", program=fardighet.name, kind="network"
        )
    )
    assert refused(kvinna, {"session": _event(kvinna).pk}) == (
        SESSION_NOT_PER_SESSION.format(program=name)
    )

    Program.objects.filter(pk=kvinna.pk).update(status="draft")
    assert refused(kvinna) == PROGRAM_NOT_OPEN.format(program=name, status="draft")
    Program.objects.filter(pk=kvinna.pk).update(status="open")

    # Rules saved before they were checked by the engine (here: a negative scale).
    bad = Criterion.objects.create(
        program=kvinna,
        kind="number_closeness",
        question_key="age",
        params={"scale": -1},
    )
    Question.objects.create(program=kvinna, key="age", kind="number", label_sv="Ålder")
    message = refused(kvinna)
    assert message.startswith(RULES_INVALID.format(program=name, problem=""))
    assert "params.scale must be a number greater than 0" in message
    bad.delete()

    run = match_run_start(program=kvinna)  # queued, not executed here
    assert refused(kvinna) == RUN_BUSY.format(program=name)
    assert MatchRun.objects.filter(program=kvinna).count() == 1
    assert run.status == MatchRun.Status.QUEUED and sara.pk


def test_the_admin_review_page_says_why_a_run_did_not_start(alpha, kvinna):
    with tenant_context(alpha):
        user = get_user_model().objects.create_user(
            "samordnare-admin", password="pw-123456789", is_staff=True
        )
        user.groups.add(Group.objects.get(name=COORDINATORS))
    admin = Client()
    admin.force_login(user)
    second_step_passed(admin, user, ALPHA_HOST, tenant=alpha)

    page = admin.post(
        f"/admin/matchning/program/{kvinna.pk}/run/",
        {"objective": "max_score", "min_score": "0", "session": "nonsense"},
        HTTP_HOST=ALPHA_HOST,
        follow=True,
    ).content.decode()
    assert SESSION_NOT_OF_PROGRAM.format(program=kvinna.name) in page
    page = admin.post(
        f"/admin/matchning/program/{kvinna.pk}/run/",
        {"objective": "max_score", "min_score": "0"},
        HTTP_HOST=ALPHA_HOST,
        follow=True,
    ).content.decode()
    assert NOBODY.format(program=kvinna.name) in page
    assert not MatchRun.objects.exists()


def test_another_tenants_coordinator_cannot_start_a_run(client, beta, kvinna):
    auth = _coordinator_token(beta)
    with tenant_context(beta):
        response = _start(client, auth, kvinna, {}, host=BETA_HOST)
    assert response.status_code == 404
    assert not MatchRun.objects.exists()


def test_the_database_allows_one_queued_or_running_run_per_program(kvinna):
    MatchRun.objects.create(program=kvinna, status=MatchRun.Status.RUNNING)
    MatchRun.objects.create(program=kvinna, status=MatchRun.Status.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRun.objects.create(program=kvinna, status=MatchRun.Status.QUEUED)


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_two_starts_at_the_same_moment_give_one_run(django_db_setup, django_db_blocker):
    with committed_program(django_db_blocker) as (alpha, program):
        ParticipantFactory(program=program, side_key="a", first_name="Amina", waited=1)
        ParticipantFactory(program=program, side_key="b", first_name="Sara", waited=1)

        def start():
            return match_run_start(program=Program.objects.get(pk=program.pk))

        results = together(alpha, start, start)

        started = [r for r in results if isinstance(r, MatchRun)]
        refused = [r for r in results if isinstance(r, ApplicationError)]
        assert len(started) == 1 and len(refused) == 1, results
        assert refused[0].message == RUN_BUSY.format(program=program.name)
        assert MatchRun.objects.filter(program=program).count() == 1


def test_a_lost_run_does_not_hold_the_program_for_ever(kvinna):
    """A run no worker took (or whose worker died) is marked failed with the reason
    once it is older than any run can take, and the next start goes ahead."""
    ParticipantFactory(program=kvinna, side_key="a", first_name="Amina", waited=1)
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    lost = MatchRun.objects.create(program=kvinna, status=MatchRun.Status.QUEUED)
    with pytest.raises(ApplicationError) as busy:
        match_run_start(program=kvinna)
    assert busy.value.message == RUN_BUSY.format(program=kvinna.name)

    MatchRun.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - RUN_ABANDONED_AFTER - timedelta(minutes=1)
    )
    run = match_run_start(program=kvinna)

    lost.refresh_from_db()
    assert (lost.status, lost.error) == (MatchRun.Status.FAILED, RUN_ABANDONED)
    assert run.status == MatchRun.Status.QUEUED
