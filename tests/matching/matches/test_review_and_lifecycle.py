"""Running the core for a program, reviewing, publishing, and a match's life."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.matches.lifecycle import (
    followup_answer,
    match_confirm,
    match_end,
    meeting_log,
)
from matching.matches.reminders import match_reminders_send
from matching.matches.review import (
    match_pair_by_hand,
    match_reject,
    match_swap,
    matches_publish,
)
from matching.matches.runs import match_run_start
from matching.matches.selectors import (
    match_progress_text,
    matches_needing_checkin,
    proposals_of_program,
)
from matching.models import FollowUp, Match, MatchRun, Message, Participant
from tests.matching.factories import ParticipantFactory, match_run_now

BASE = "http://alpha.localhost"


@pytest.fixture
def people(kvinna):
    return {
        "amina": ParticipantFactory(
            program=kvinna, side_key="a", first_name="Amina", field="health", waited=1
        ),
        "leila": ParticipantFactory(
            program=kvinna, side_key="a", first_name="Leila", field="it", waited=1
        ),
        "sara": ParticipantFactory(
            program=kvinna, side_key="b", first_name="Sara", field="health", waited=1
        ),
        "karin": ParticipantFactory(
            program=kvinna, side_key="b", first_name="Karin", field="it", waited=1
        ),
    }


def test_a_run_proposes_the_best_pairs_with_reasons(
    kvinna, people, django_capture_on_commit_callbacks
):
    run = match_run_now(kvinna, django_capture_on_commit_callbacks)

    assert run.status == MatchRun.Status.DONE and run.progress == 100
    pairs = {
        (m.participant_a.first_name, m.participant_b.first_name)
        for m in proposals_of_program(program=kvinna)
    }
    assert pairs == {("Amina", "Sara"), ("Leila", "Karin")}
    explanation = proposals_of_program(program=kvinna).first().explanation
    assert explanation  # in words, for the coordinator


def test_a_second_run_while_one_is_under_way_is_refused(kvinna, people):
    match_run_start(program=kvinna)  # not executed: the callback never runs here
    with pytest.raises(ApplicationError, match="already under way"):
        match_run_start(program=kvinna)


def test_publish_tells_both_by_email_and_sms(
    kvinna, people, django_capture_on_commit_callbacks
):
    match_run_now(kvinna, django_capture_on_commit_callbacks)

    assert matches_publish(program=kvinna, base_url=BASE).published == 2

    amina = Participant.objects.get(pk=people["amina"].pk)
    assert amina.status == Participant.Status.MATCHED
    email = Message.objects.get(
        participant=amina, channel="email", template_key="match_published"
    )
    assert "Sara" in email.body and "sara@example.se" in email.body
    assert "/deltagare/oppna/" in email.body
    assert Message.objects.filter(participant=amina, channel="sms").exists()
    with pytest.raises(ApplicationError, match="no proposals"):
        matches_publish(program=kvinna, base_url=BASE)


def test_confirm_meetings_progress_and_end(
    kvinna, people, django_capture_on_commit_callbacks
):
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url=BASE)
    match = Match.objects.get(participant_a=people["amina"])

    match_confirm(match=match, participant=people["amina"])
    assert match.status == Match.Status.PUBLISHED
    match_confirm(match=match, participant=people["sara"])
    assert match.status == Match.Status.ACTIVE
    with pytest.raises(ApplicationError, match="inte din"):
        match_confirm(match=match, participant=people["leila"])

    meeting_log(
        match=match,
        participant=people["sara"],
        happened_on=timezone.localdate(),
        note="Fika",
    )
    with pytest.raises(ApplicationError, match="datum"):
        meeting_log(match=match, participant=people["sara"], happened_on="2099-01-01")
    assert match_progress_text(match) == "1 av 3 träffar, 6 månader kvar"

    match_end(match=match, reason="Flyttar", requeue_a=True, forbid_again=True)
    amina = Participant.objects.get(pk=people["amina"].pk)
    assert amina.status == Participant.Status.QUEUED
    assert (
        Participant.objects.get(pk=people["sara"].pk).status
        == Participant.Status.MATCHED
    )

    # Sara is free again too; the pair that ended must not come back.
    Participant.objects.filter(pk=people["sara"].pk).update(status="queued")
    Match.objects.filter(participant_a=people["leila"]).update(status="ended")
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    assert (
        not proposals_of_program(program=kvinna)
        .filter(participant_a=people["amina"], participant_b=people["sara"])
        .exists()
    )


def test_review_reject_swap_and_pair_by_hand(
    kvinna, people, django_capture_on_commit_callbacks
):
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    first, second = proposals_of_program(program=kvinna)

    match_swap(first=first, second=second)
    assert {first.participant_b_id, second.participant_b_id} == {
        people["sara"].pk,
        people["karin"].pk,
    }
    assert first.by_hand

    match_reject(match=first)
    with pytest.raises(ApplicationError, match="Only proposals"):
        match_reject(match=first)
    with pytest.raises(ApplicationError, match="first side"):
        match_pair_by_hand(
            program=kvinna, participant_a=people["sara"], participant_b=people["karin"]
        )
    extra = ParticipantFactory(program=kvinna, side_key="b", first_name="Eva", waited=1)
    made = match_pair_by_hand(
        program=kvinna, participant_a=first.participant_a, participant_b=extra
    )
    assert made.status == Match.Status.PROPOSED and made.by_hand


def test_reminders_followups_and_checkins(
    kvinna, people, django_capture_on_commit_callbacks
):
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url=BASE)
    Match.objects.update(published_at=timezone.now() - timedelta(days=40))

    sent = match_reminders_send(base_url=BASE)

    assert sent == 8  # two matches: a reminder and a first follow-up to each person
    assert Message.objects.filter(template_key="meeting_reminder").count() == 4
    assert match_reminders_send(base_url=BASE) == 0  # not again
    flagged = matches_needing_checkin(program=kvinna)
    assert len(flagged) == 2 and "inte bekräftad" in flagged[0][1][0]

    match = Match.objects.first()
    followup_answer(
        match=match, participant=match.participant_a, kind="first_month", rating=2
    )
    with pytest.raises(ApplicationError, match="redan svarat"):
        followup_answer(
            match=match, participant=match.participant_a, kind="first_month", rating=4
        )
    assert FollowUp.objects.count() == 1


def test_runs_and_matches_stay_in_their_tenant(
    kvinna, people, beta, django_capture_on_commit_callbacks
):
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    with tenant_context(beta):
        assert not Match.objects.exists()
        assert not MatchRun.objects.exists()


def test_per_session_programs_are_matched_on_the_sessions_theme(
    alpha, django_capture_on_commit_callbacks
):
    from matching.models import Event
    from matching.programs.services import program_create_from_template

    alpha.activate()
    program = program_create_from_template(template_key="fardighet", status="open")
    now = timezone.now()

    def person(side, name, themes, birth):
        return Participant.objects.create(
            program=program,
            side_key=side,
            status="queued",
            first_name=name,
            email=f"{name.lower()}@example.se",
            gender="man",
            birth_date=birth,
            municipality="0127",
            answers={"themes": themes, "languages": ["svenska"]},
            queued_at=now,
        )

    youth = person("a", "Ali", ["finance", "communication"], date(2008, 3, 1))
    person("b", "Lars", ["communication"], date(1980, 1, 1))
    economist = person("b", "Maria", ["finance"], date(1975, 1, 1))
    session = Event.objects.create(
        program=program,
        kind="session",
        title="Privatekonomi",
        theme="finance",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )

    run = match_run_now(program, django_capture_on_commit_callbacks, session=session)

    (match,) = proposals_of_program(program=program)
    assert (match.participant_a_id, match.participant_b_id) == (youth.pk, economist.pk)
    assert match.session == session and run.session == session


def test_weekly_matching_starts_runs_for_programs_that_ask(
    alpha, kvinna, people, django_capture_on_commit_callbacks
):
    from matching.tasks import match_runs_scheduled

    kvinna.match_weekly = True
    kvinna.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert match_runs_scheduled.apply().get() == 1
    alpha.activate()  # the beat job leaves the connection where it ran last
    assert MatchRun.objects.get(program=kvinna).status == MatchRun.Status.DONE
    assert proposals_of_program(program=kvinna).count() == 2
