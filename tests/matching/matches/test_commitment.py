"""A match's commitment (Kv(in)na: 3 meetings in 6 calendar months) is tracked:
met as soon as the meetings are held, not met when the period passes without
them, behind schedule midway; listed for a check-in, counted, and shown to the
coordinator and the participant."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from matching.matches.commitment import (
    CHECKIN_BEHIND,
    CHECKIN_NOT_MET,
    commitment_period_end,
    match_commitment,
    match_commitment_evaluate,
    matches_commitment_evaluate,
    months_passed,
)
from matching.matches.lifecycle import match_end, meeting_log
from matching.matches.review import match_pair_by_hand, matches_publish
from matching.matches.selectors import (
    PROGRESS_MET,
    commitment_counts,
    match_commitment_text,
    matches_needing_checkin,
)
from matching.models import Match, Meeting
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import second_step_passed
from tests.matching.factories import ParticipantFactory
from tests.matching.inbox import link_in_last_message

BASE = "http://alpha.localhost"


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 1, 31), 1, date(2026, 3, 1)),  # no 31 February
        (date(2026, 8, 31), 6, date(2027, 3, 1)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_the_period_ends_when_the_calendar_months_have_passed(start, months, end):
    assert commitment_period_end(start, months) == end
    assert months_passed(start, end) == months
    assert months_passed(start, end - timedelta(days=1)) == months - 1


def _published(kvinna, *, days_ago: int, meetings_days_ago=()) -> Match:
    """Amina & Sara, published `days_ago` days ago, with meetings on those days."""
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    match = match_pair_by_hand(program=kvinna, participant_a=amina, participant_b=sara)
    matches_publish(program=kvinna, base_url=BASE)
    Match.objects.filter(pk=match.pk).update(
        published_at=timezone.now() - timedelta(days=days_ago)
    )
    today = timezone.localdate()
    for days in meetings_days_ago:
        Meeting.objects.create(
            match=match, happened_on=today - timedelta(days=days), logged_by="a"
        )
    match.refresh_from_db()
    return match


def _reasons(kvinna) -> list[str]:
    flagged = matches_needing_checkin(program=kvinna)
    return [reason for _, reasons in flagged for reason in reasons]


def test_a_period_past_with_too_few_meetings_is_not_met(alpha, kvinna):
    from matching.tasks import match_commitments_all

    match = _published(kvinna, days_ago=200, meetings_days_ago=[190])
    assert match.commitment == Match.Commitment.ON_TRACK  # as published

    match_commitments_all.apply().get()  # the daily beat job, every ready tenant
    alpha.activate()

    match.refresh_from_db()
    assert match.commitment == Match.Commitment.NOT_MET
    assert match.commitment_checked_on == timezone.localdate()
    assert CHECKIN_NOT_MET.format(held=1, asked=3, months=6) in (_reasons(kvinna))
    assert commitment_counts(program=kvinna) == {
        "on_track": 0,
        "behind": 0,
        "met": 0,
        "not_met": 1,
    }
    # A meeting logged now, after the period, does not make it met.
    meeting_log(match=match, participant=None, happened_on=timezone.localdate())
    assert Match.objects.get(pk=match.pk).commitment == Match.Commitment.NOT_MET


def test_the_meetings_within_the_period_meet_it_as_soon_as_they_are_logged(kvinna):
    match = _published(kvinna, days_ago=40, meetings_days_ago=[35, 20])
    match_commitment_evaluate(match=match)
    assert match.commitment == Match.Commitment.ON_TRACK

    meeting_log(
        match=match, participant=match.participant_a, happened_on=timezone.localdate()
    )

    assert Match.objects.get(pk=match.pk).commitment == Match.Commitment.MET
    assert commitment_counts(program=kvinna)["met"] == 1
    assert not any("åtagandet" in r or "schemat" in r for r in _reasons(kvinna))
    assert match_commitment_text(match) == (PROGRESS_MET.format(asked=3))


def test_midway_a_pair_behind_the_pro_rata_schedule_is_listed(kvinna):
    # 3 meetings in about 181 days: one is due after a third of the period.
    match = _published(kvinna, days_ago=50)
    assert match_commitment(match).state == Match.Commitment.ON_TRACK
    Match.objects.filter(pk=match.pk).update(
        published_at=timezone.now() - timedelta(days=70)
    )
    match.refresh_from_db()

    matches_commitment_evaluate()

    match.refresh_from_db()
    assert match.commitment == Match.Commitment.BEHIND
    assert CHECKIN_BEHIND.format(held=0, asked=3, expected=1) in (_reasons(kvinna))
    assert commitment_counts(program=kvinna)["behind"] == 1
    assert match_commitment_text(match) == (
        "Ni ligger efter planen: vid det här laget borde ni ha setts minst 1 gång."
    )


def test_a_match_ended_without_the_meetings_counts_as_not_met(kvinna):
    match = _published(kvinna, days_ago=30, meetings_days_ago=[10])
    match_end(match=match, reason="Flyttar")
    assert Match.objects.get(pk=match.pk).commitment == Match.Commitment.NOT_MET


def test_programs_without_both_meetings_and_months_do_not_track(kvinna):
    kvinna.commitment_months = None
    kvinna.save()
    match = _published(kvinna, days_ago=400)
    matches_commitment_evaluate()
    assert Match.objects.get(pk=match.pk).commitment == ""
    assert match_commitment_text(match) == ""
    assert set(commitment_counts(program=kvinna).values()) == {0}


def test_the_coordinator_and_the_participant_see_where_the_pair_stands(alpha, kvinna):
    match = _published(kvinna, days_ago=70)
    matches_commitment_evaluate()  # as the daily job does
    with tenant_context(alpha):
        user = get_user_model().objects.create_user(
            "samordnare-commitment", password="pw-123456789", is_staff=True
        )
        user.groups.add(Group.objects.get(name=COORDINATORS))
        # Viewing matches is granted to the coordinator role in another part of
        # issue 8; until then the test grants it to this coordinator.
        user.user_permissions.add(Permission.objects.get(codename="view_match"))
    admin = Client()
    admin.force_login(user)
    second_step_passed(admin, user, ALPHA_HOST, tenant=alpha)

    page = admin.get(
        f"/admin/matches/inspect/{match.pk}/", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    state = page[page.index('id="commitment-state"') :]
    assert state.startswith('id="commitment-state"><strong>Efter schemat</strong>')
    assert "0 av 3 träffar inom 6 månader" in state
    review = admin.get(
        f"/admin/matchning/program/{kvinna.pk}/", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert CHECKIN_BEHIND.format(held=0, asked=3, expected=1) in review
    assert "0 uppfyllt, 0 inte uppfyllt, 1 efter schemat, 0 i fas" in review

    browser = Client()
    browser.get(
        link_in_last_message(match.participant_a.email, "/deltagare/oppna/"),
        HTTP_HOST=ALPHA_HOST,
    )
    page = browser.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "borde ni ha setts minst 1 gång." in page

    # Another tenant's host shows none of it.
    other = Client()
    other.force_login(user)
    assert (
        other.get(
            f"/admin/matches/inspect/{match.pk}/", HTTP_HOST=BETA_HOST
        ).status_code
        != 200
    )
