"""Booking a kickoff and ending a match hold when done twice at the same moment:
one set of messages for one kickoff (a changed time is told again), one end and
one requeue. Real concurrent transactions on committed data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.errors import ApplicationError
from matching.matches.lifecycle import NOT_OPEN, match_end, match_kickoff_set
from matching.matches.review import match_pair_by_hand, matches_publish
from matching.models import ForbiddenPair, Match, Message, Participant
from tests.matching.committed import committed_program, together
from tests.matching.factories import ParticipantFactory
from tests.workers import REDIS_SERVER

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH"),
]
BASE = "http://alpha.localhost"


def _published_match(program) -> Match:
    amina = ParticipantFactory(
        program=program, side_key="a", first_name="Amina", waited=1
    )
    sara = ParticipantFactory(
        program=program, side_key="b", first_name="Sara", waited=1
    )
    match = match_pair_by_hand(program=program, participant_a=amina, participant_b=sara)
    matches_publish(program=program, base_url=BASE)
    match.refresh_from_db()
    return match


def _kickoff_messages(match) -> list[tuple[str, str]]:
    return sorted(
        Message.objects.filter(
            template_key="kickoff",
            participant__in=[match.participant_a_id, match.participant_b_id],
        ).values_list("to", "channel")
    )


def test_the_same_kickoff_booked_twice_at_once_is_told_once(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):
        match = _published_match(program)
        when = (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)

        def book():
            return match_kickoff_set(
                match=Match.objects.get(pk=match.pk),
                when=when,
                where="Stadsbiblioteket",
                base_url=BASE,
            )

        results = together(alpha, book, book)

        assert not [r for r in results if isinstance(r, Exception)], results
        once = [
            ("+46701234567", "sms"),
            ("+46709876543", "sms"),
            ("amina@example.se", "email"),
            ("sara@example.se", "email"),
        ]
        assert _kickoff_messages(match) == once
        # The same booking once more tells nobody; a new time tells both again.
        book()
        assert len(_kickoff_messages(match)) == 4
        match_kickoff_set(
            match=match,
            when=when + timedelta(hours=1),
            where="Stadsbiblioteket",
            base_url=BASE,
        )
        assert len(_kickoff_messages(match)) == 8
        stored = Match.objects.get(pk=match.pk)
        assert stored.kickoff_at == when + timedelta(hours=1)
        assert stored.kickoff_place == "Stadsbiblioteket"


def test_ending_twice_at_once_ends_once(django_db_setup, django_db_blocker):
    with committed_program(django_db_blocker) as (alpha, program):
        match = _published_match(program)

        def end():
            return match_end(
                match=Match.objects.get(pk=match.pk),
                reason="Flyttar",
                requeue_a=True,
                forbid_again=True,
            )

        results = together(alpha, end, end)

        ended = [r for r in results if isinstance(r, Match)]
        refused = [r for r in results if isinstance(r, ApplicationError)]
        assert len(ended) == 1 and len(refused) == 1, results
        assert refused[0].message == NOT_OPEN.format(action="end")
        stored = Match.objects.get(pk=match.pk)
        assert stored.status == Match.Status.ENDED and stored.end_reason == "Flyttar"
        assert stored.ended_at == ended[0].ended_at
        amina = Participant.objects.get(pk=match.participant_a_id)
        assert amina.status == Participant.Status.QUEUED
        assert amina.queued_at == stored.ended_at  # requeued by the one end only
        assert ForbiddenPair.objects.filter(participant_a=amina).count() == 1
