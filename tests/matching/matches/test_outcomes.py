"""Outcomes six months after a match ended, for the programs that track them:
the participant is asked once through the outbox (two workers at the same moment
ask once), answers on their own page, or a coordinator records what they told by
phone (two coordinators at once: one answer); the answers count in the figures;
another tenant's staff can neither see nor record them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.figures import program_figures
from matching.matches.lifecycle import match_end
from matching.matches.outcomes import (
    end_followup_pending,
    end_followups_send,
    months_before,
    outcome_record,
    six_month_answer,
    six_month_followup_pending,
    six_month_followups_send,
)
from matching.matches.review import match_pair_by_hand, matches_publish
from matching.models import FollowUp, Match, Message
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in, staff_user
from tests.matching.committed import committed_program, together
from tests.matching.factories import ParticipantFactory
from tests.matching.inbox import link_in_last_message
from tests.workers import REDIS_SERVER

BASE = "http://alpha.localhost"


def _ended_match(program, *, months_ago: int = 6, extra_days: int = 1) -> Match:
    amina = ParticipantFactory(program=program, side_key="a", waited=1)
    sara = ParticipantFactory(program=program, side_key="b", waited=1)
    match = match_pair_by_hand(program=program, participant_a=amina, participant_b=sara)
    matches_publish(program=program, base_url=BASE)
    match.refresh_from_db()
    match_end(match=match, reason="Klart")
    ended = months_before(timezone.localdate(), months_ago) - timedelta(days=extra_days)
    Match.objects.filter(pk=match.pk).update(
        ended_at=timezone.make_aware(
            timezone.datetime(ended.year, ended.month, ended.day, 12)
        )
    )
    match.refresh_from_db()
    return match


def test_months_before_keeps_to_the_calendar():
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)
    assert months_before(date(2026, 12, 4), 12) == date(2025, 12, 4)


def test_only_due_matches_in_programs_that_track_outcomes_are_asked(alpha, kvinna):
    kvinna.tracks_outcomes = True
    kvinna.save()
    due = _ended_match(kvinna)
    not_yet = _ended_match(kvinna, extra_days=-3)
    too_old = _ended_match(kvinna, extra_days=40)

    asked = six_month_followups_send(base_url=BASE)

    assert asked == 1
    sent = Message.objects.filter(template_key="followup_six_months")
    assert list(sent.values_list("participant_id", flat=True)) == [due.participant_a_id]
    assert sent.get().subject == f"Sex månader senare: en fråga från {kvinna.name}"
    for match in (not_yet, too_old):
        match.refresh_from_db()
        assert match.six_month_followup_sent_at is None
    # A second run asks nobody again.
    assert six_month_followups_send(base_url=BASE) == 0
    kvinna.tracks_outcomes = False
    kvinna.save()
    Match.objects.filter(pk=not_yet.pk).update(ended_at=due.ended_at)
    assert six_month_followups_send(base_url=BASE) == 0


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_two_workers_at_the_same_moment_ask_once(django_db_setup, django_db_blocker):
    with committed_program(django_db_blocker, tracks_outcomes=True) as (alpha, program):
        match = _ended_match(program)

        results = together(
            alpha,
            lambda: six_month_followups_send(base_url=BASE),
            lambda: six_month_followups_send(base_url=BASE),
        )

        assert sorted(results) == [0, 1], results
        assert (
            Message.objects.filter(
                template_key="followup_six_months", participant=match.participant_a
            ).count()
            == 1
        )


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_two_coordinators_recording_at_once_leave_one_answer(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker, tracks_outcomes=True) as (alpha, program):
        match = _ended_match(program)
        first = staff_user(alpha, group=COORDINATORS, username="samordnare-ett")
        second = staff_user(alpha, group=COORDINATORS, username="samordnare-tva")
        try:
            results = together(
                alpha,
                lambda: (
                    outcome_record(
                        match=match,
                        participant=match.participant_a,
                        kind="six_months",
                        outcome="work",
                        by=first,
                    ).pk
                ),
                lambda: (
                    outcome_record(
                        match=match,
                        participant=match.participant_a,
                        kind="six_months",
                        outcome="work",
                        by=second,
                    ).pk
                ),
            )
            assert not [r for r in results if isinstance(r, Exception)], results
            assert results[0] == results[1]
            assert FollowUp.objects.filter(match=match, kind="six_months").count() == 1
        finally:
            with tenant_context(alpha):
                first.delete()
                second.delete()


def test_the_participant_answers_on_their_own_page(client, alpha, kvinna):
    kvinna.tracks_outcomes = True
    kvinna.save()
    match = _ended_match(kvinna)
    six_month_followups_send(base_url=BASE)
    amina = match.participant_a
    assert six_month_followup_pending(amina) == match

    answered = six_month_answer(match=match, participant=amina, outcome="studies")
    again = six_month_answer(match=match, participant=amina, outcome="work")

    assert answered.pk == again.pk
    assert FollowUp.objects.get(pk=answered.pk).outcome == "studies"
    assert six_month_followup_pending(amina) is None
    start = timezone.localdate().replace(day=1)
    figures = program_figures(
        program=kvinna,
        start=start - timedelta(days=400),
        end=start + timedelta(days=40),
    )
    assert figures.outcomes["six_months"] == {"studies": 1}


def test_bad_answers_are_refused_with_a_reason(alpha, kvinna):
    match = _ended_match(kvinna)
    stranger = ParticipantFactory(program=kvinna, first_name="Hodan")
    coordinator = staff_user(alpha, group=COORDINATORS)

    for kwargs, field in (
        (
            {"participant": stranger, "kind": "six_months", "outcome": "work"},
            "participant",
        ),
        (
            {"participant": match.participant_a, "kind": "soon", "outcome": "work"},
            "kind",
        ),
        (
            {"participant": match.participant_a, "kind": "end", "outcome": "rich"},
            "outcome",
        ),
        ({"participant": match.participant_a, "kind": "end", "outcome": ""}, "outcome"),
    ):
        with pytest.raises(ApplicationError) as refused:
            outcome_record(match=match, by=coordinator, **kwargs)
        assert refused.value.extra["field"] == field
    assert not FollowUp.objects.exists()


def test_the_participant_answers_from_the_link_in_the_message(client, alpha, kvinna):
    kvinna.tracks_outcomes = True
    kvinna.save()
    match = _ended_match(kvinna)
    six_month_followups_send(base_url=BASE)
    amina = match.participant_a

    client.get(
        link_in_last_message(amina.email, "/deltagare/oppna/"), HTTP_HOST=ALPHA_HOST
    )
    home = client.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    bad = client.post(
        "/deltagare/sex-manader/", {"outcome": "rich"}, HTTP_HOST=ALPHA_HOST
    )
    answered = client.post(
        "/deltagare/sex-manader/", {"outcome": "internship"}, HTTP_HOST=ALPHA_HOST
    )
    again = client.post(
        "/deltagare/sex-manader/", {"outcome": "work"}, HTTP_HOST=ALPHA_HOST
    )

    assert "Sex månader senare: vad gör du nu?" in home
    assert 'value="internship"' in home and "Praktik" in home
    assert bad.status_code == 400
    assert "Välj ett resultat" in bad.content.decode()
    assert answered.status_code == again.status_code == 302
    followup = FollowUp.objects.get(match=match, kind="six_months")
    assert (followup.outcome, followup.recorded_by) == ("internship", "")
    after = client.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Sex månader senare" not in after


def test_a_coordinator_records_what_was_told_by_phone_and_no_other_tenant_can(
    alpha, beta, kvinna
):
    match = _ended_match(kvinna)
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="tel")
    url = f"/admin/matchning/matchning/{match.pk}/resultat/"

    form = coordinator.get(f"/admin/matches/inspect/{match.pk}/", HTTP_HOST=ALPHA_HOST)
    refused = coordinator.post(
        url, {"side": "x", "kind": "end", "outcome": "work"}, HTTP_HOST=ALPHA_HOST
    )
    coordinator.post(
        url,
        {"side": "a", "kind": "six_months", "outcome": "work"},
        HTTP_HOST=ALPHA_HOST,
    )
    shown = coordinator.get(f"/admin/matches/inspect/{match.pk}/", HTTP_HOST=ALPHA_HOST)
    theirs = signed_in(beta, BETA_HOST, group=COORDINATORS)
    elsewhere = theirs.post(
        url,
        {"side": "a", "kind": "six_months", "outcome": "studies"},
        HTTP_HOST=BETA_HOST,
    )
    peek = theirs.get(f"/admin/matches/inspect/{match.pk}/", HTTP_HOST=BETA_HOST)

    assert "Registrera ett resultat som berättats per telefon" in form.content.decode()
    assert refused.status_code == 302
    assert "Per telefon, registrerat av tel" in shown.content.decode()
    assert elsewhere.status_code == 404 and peek.status_code == 404
    with tenant_context(alpha):
        followup = FollowUp.objects.get(match=match)
    assert (followup.kind, followup.outcome, followup.rating) == (
        "six_months",
        "work",
        None,
    )
    assert followup.recorded_by == "tel"


def test_a_match_ended_early_asks_both_how_it_went_once(client, alpha, kvinna):
    kvinna.tracks_outcomes = True
    kvinna.save()
    match = _ended_match(kvinna, months_ago=0, extra_days=2)  # ended two days ago
    amina, sara = match.participant_a, match.participant_b

    asked = end_followups_send(base_url=BASE)
    again = end_followups_send(base_url=BASE)
    client.get(
        link_in_last_message(amina.email, "/deltagare/oppna/"), HTTP_HOST=ALPHA_HOST
    )
    home = client.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    answered = client.post(
        "/deltagare/slutet/",
        {"rating": "4", "outcome": "internship", "comment": ""},
        HTTP_HOST=ALPHA_HOST,
    )
    after = client.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()

    assert (asked, again) == (2, 0)
    sent = Message.objects.filter(template_key="followup")
    assert sorted(sent.values_list("participant_id", flat=True)) == sorted(
        [amina.pk, sara.pk]
    )
    assert "Matchningen har avslutats: hur gick det?" in home
    assert answered.status_code == 302
    followup = FollowUp.objects.get(match=match, participant=amina, kind="end")
    assert (followup.rating, followup.outcome) == (4, "internship")
    assert "Matchningen har avslutats: hur gick det?" not in after
    assert end_followup_pending(sara) == match  # she has not answered yet


def test_an_ended_match_in_a_program_without_outcomes_is_not_asked(alpha, kvinna):
    _ended_match(kvinna, months_ago=0, extra_days=2)

    assert end_followups_send(base_url=BASE) == 0


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_two_workers_ask_at_the_end_of_a_match_once(django_db_setup, django_db_blocker):
    with committed_program(django_db_blocker, tracks_outcomes=True) as (alpha, program):
        match = _ended_match(program, months_ago=0, extra_days=1)

        results = together(
            alpha,
            lambda: end_followups_send(base_url=BASE),
            lambda: end_followups_send(base_url=BASE),
        )

        assert sorted(results) == [0, 2], results
        assert (
            Message.objects.filter(
                template_key="followup",
                participant__in=[match.participant_a, match.participant_b],
            ).count()
            == 2
        )
