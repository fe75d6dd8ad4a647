"""A program's figures for a period, checked against counts made by hand: the
funnel by side, the pairs and what became of them, the queue, meetings,
follow-ups and outcomes, and people by their facts at entry, which a later edit
or an erasure does not change."""

from datetime import date, timedelta

from django.utils import timezone

from matching.figures import program_figures
from matching.matches.lifecycle import (
    followup_answer,
    match_confirm,
    match_end,
    meeting_log,
)
from matching.models import Match, Participant, ReportFacts
from matching.participants.registration import registration_submit
from matching.participants.report_facts import (
    age_band,
    registration_tally_add,
    report_facts_record,
    years_in_sweden_band,
)
from matching.privacy.erasure import participant_erase
from tests.matching.factories import (
    MatchFactory,
    ParticipantFactory,
    registration_data,
)


def _entered(program, side_key: str, days_ago: int, **fields) -> Participant:
    person = ParticipantFactory(program=program, side_key=side_key, **fields)
    confirmed = timezone.now() - timedelta(days=days_ago)
    Participant.objects.filter(pk=person.pk).update(
        confirmed_at=confirmed, created_at=confirmed
    )
    person.refresh_from_db()
    # What registration_submit counts when the person registers.
    registration_tally_add(
        program_id=program.pk, side_key=side_key, on=timezone.localdate(confirmed)
    )
    report_facts_record(person)
    return person


def _pair(program, a, b, *, meetings: int = 0) -> Match:
    match = MatchFactory(
        program=program, participant_a=a, participant_b=b, published_days_ago=5
    )
    match_confirm(match=match, participant=a)
    match_confirm(match=match, participant=b)
    for index in range(meetings):
        meeting_log(
            match=match,
            participant=a,
            happened_on=timezone.localdate() - timedelta(days=index),
        )
    return match


def test_the_figures_agree_with_counts_by_hand(kvinna):
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today + timedelta(days=1)
    a1 = _entered(kvinna, "a", 20, birth_date=date(2000, 5, 1))  # 18–29 at entry
    a2 = _entered(kvinna, "a", 10)
    a3 = _entered(kvinna, "a", 10, municipality="0127")
    b1 = _entered(kvinna, "b", 15)
    b2 = _entered(kvinna, "b", 15)
    _entered(kvinna, "a", 90)  # entered before the period
    never_confirmed = registration_submit(
        program=kvinna,
        side_key="a",
        data=registration_data(email="aldrig@example.se", first_name="Aldrig"),
        base_url="http://alpha.localhost",
    ).participant
    Participant.objects.filter(pk__in=[a1.pk, a2.pk, a3.pk, b1.pk, b2.pk]).update(
        queued_at=timezone.now() - timedelta(days=5)
    )

    done = _pair(kvinna, a1, b1, meetings=3)
    Match.objects.filter(pk=done.pk).update(commitment=Match.Commitment.MET)
    Match.objects.filter(pk=done.pk).update(first_followup_sent_at=timezone.now())
    followup_answer(
        match=done, participant=a1, kind="first_month", rating=5, outcome="work"
    )
    followup_answer(match=done, participant=b1, kind="first_month", rating=3)
    match_end(match=done, reason="Programmet slut")
    _pair(kvinna, a2, b2)  # active, no meeting yet
    early = _pair(kvinna, a3, b2, meetings=1)
    match_end(match=early, reason="Flyttade")

    figures = program_figures(program=kvinna, start=start, end=end)

    # People who registered: 3 + 2 in the period, plus one never confirmed.
    assert figures.sides["a"]["registered"] == 4
    assert figures.sides["b"]["registered"] == 2
    assert (figures.sides["a"]["confirmed"], figures.sides["b"]["confirmed"]) == (3, 2)
    assert (figures.sides["a"]["matched"], figures.sides["b"]["matched"]) == (3, 2)
    assert figures.pairs == {
        "matched": 3,
        "kickoff_held": 2,
        "commitment_met": 1,
        "active_now": 1,
        "completed": 1,
        "ended_early": 1,
    }
    assert figures.ended_early_reasons == [("Flyttade", 1)]
    assert figures.meetings == 4
    assert figures.followups["first_month"] == {"answers": 2, "average_rating": 4.0}
    assert figures.outcomes == {"first_month": {"work": 1}}
    assert figures.people_by["a"]["age_band"] == {"18_29": 1, "30_54": 2}
    assert figures.people_by["a"]["years_in_sweden"] == {"5_9": 3}
    assert figures.municipalities["0127"] == {"confirmed": 1, "matched": 1}
    # The registration never confirmed is deleted after 30 days (retention): it
    # was made, and is still counted as registered.
    never_confirmed.delete()
    again = program_figures(program=kvinna, start=start, end=end)
    assert again.sides["a"]["registered"] == 4
    assert figures.municipalities["0182"] == {"confirmed": 4, "matched": 4}

    # An edited profile and an erased person leave the period's figures as they were.
    Participant.objects.filter(pk=a2.pk).update(birth_date=date(1950, 1, 1))
    participant_erase(participant=a1)
    again = program_figures(program=kvinna, start=start, end=end)
    assert again.people_by == figures.people_by
    assert again.sides["a"]["confirmed"] == 3
    assert again.pairs["matched"] == 3


def test_the_queue_shows_waiting_times_per_side(kvinna):
    now = timezone.now()
    for days in (10, 20, 30, 40, 100):
        ParticipantFactory(program=kvinna, side_key="a", waited=days)
    ParticipantFactory(program=kvinna, side_key="b", waited=7, paused_days=2)

    figures = program_figures(
        program=kvinna, start=now.date() - timedelta(days=1), end=now.date(), now=now
    )

    assert figures.queue["a"]["waiting"] == 5
    assert figures.queue["a"]["median_days"] == 30.0
    assert 40 < figures.queue["a"]["p90_days"] <= 100
    assert figures.queue["b"] == {"waiting": 1, "median_days": 5.0, "p90_days": 5.0}


def test_facts_are_fixed_once_and_banded_as_funders_count():
    on = date(2026, 6, 1)
    assert [
        age_band(date(2008, 6, 2), on),
        age_band(date(2008, 6, 1), on),
        age_band(date(1996, 6, 2), on),
        age_band(date(1971, 6, 1), on),
        age_band(None, on),
    ] == ["under_18", "18_29", "18_29", "55_plus", ""]
    assert [years_in_sweden_band(y, on) for y in (2025, 2024, 2021, 2016, None)] == [
        "0_1",
        "2_4",
        "5_9",
        "10_plus",
        "",
    ]


def test_confirming_twice_records_the_facts_once(kvinna):
    person = ParticipantFactory(
        program=kvinna,
        side_key="a",
        answers={"employment_status": "unemployed", "education_level": "tertiary"},
    )
    first = report_facts_record(person)
    Participant.objects.filter(pk=person.pk).update(gender="man")
    person.refresh_from_db()
    second = report_facts_record(person)

    assert first.pk == second.pk and second.gender == "woman"
    assert (first.employment, first.education) == ("unemployed", "tertiary")
    assert ReportFacts.objects.filter(participant=person).count() == 1
