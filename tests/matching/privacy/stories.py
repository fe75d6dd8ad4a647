"""People whose part in a program ended some months ago, for the retention tests."""

from datetime import timedelta

from django.utils import timezone

from matching.matches.lifecycle import match_confirm, match_end, meeting_log
from matching.models import Match, Message, Participant
from tests.matching.factories import MatchFactory, ParticipantFactory


def months_ago(months: int, days: int = 0):
    return timezone.now() - timedelta(days=round(months * 30.44) + days)


def withdrawn(program, *, months: float, **fields) -> Participant:
    person = ParticipantFactory(program=program, status="withdrawn", **fields)
    Participant.objects.filter(pk=person.pk).update(
        status_changed_at=months_ago(months)
    )
    return person


def ended_pair(program, *, months: int):
    """Amina and Sara met, then their match ended `months` months back, neither
    put back in the queue; Sara wrote to the coordinator about Amina."""
    amina = ParticipantFactory(
        program=program, side_key="a", first_name="Amina", last_name="Said"
    )
    sara = ParticipantFactory(
        program=program, side_key="b", first_name="Sara", last_name="Berg"
    )
    match = MatchFactory(
        program=program, participant_a=amina, participant_b=sara, published_days_ago=1
    )
    match_confirm(match=match, participant=amina)
    match_confirm(match=match, participant=sara)
    meeting_log(
        match=match, participant=sara, happened_on=timezone.localdate(), note="Fika"
    )
    match_end(match=match, reason="Programmet slut")
    Match.objects.filter(pk=match.pk).update(ended_at=months_ago(months))
    Message.objects.create(
        channel="email",
        to="sara@example.se",
        subject="Om Amina Said",
        body="Hej Sara! Amina Said har slutat. Ring Amina på 0701234567.",
        participant=sara,
        status="sent",
    )
    return amina, sara, match
