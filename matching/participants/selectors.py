"""Reads of participants: a person's place in the queue, the queue per side of a
program, the registrations list, the people a referrer referred."""

from datetime import timedelta

from django.db.models import (
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
)

from matching.models import Match, Participant, Program, Referral


def queue_position(participant: Participant) -> int | None:
    """1 for the first in line on the participant's side of the program. Time
    paused does not count as waiting: the queue is in order of queued_at moved
    on by the days paused."""
    if participant.status != Participant.Status.QUEUED or participant.queued_at is None:
        return None
    waiting_since = ExpressionWrapper(
        F("queued_at")
        + ExpressionWrapper(
            F("paused_days") * Value(timedelta(days=1)), output_field=DurationField()
        ),
        output_field=DateTimeField(),
    )
    mine = participant.queued_at + timedelta(days=participant.paused_days)
    ahead = (
        Participant.objects.filter(
            program_id=participant.program_id,
            side_key=participant.side_key,
            status=Participant.Status.QUEUED,
        )
        .annotate(waiting_since=waiting_since)
        .filter(
            Q(waiting_since__lt=mine) | Q(waiting_since=mine, pk__lt=participant.pk)
        )
        .count()
    )
    return ahead + 1


def referrals_of(*, referrer) -> QuerySet[Referral]:
    """A referrer sees the people they referred, and only their status."""
    return (
        Referral.objects.filter(referrer=referrer)
        .select_related("participant__program")
        .only(
            "created_at",
            "already_registered",
            "first_name",
            "participant__first_name",
            "participant__status",
            "participant__program__name",
        )
    )


def participant_list(
    *, program: str = "", side: str = "", status: str = "", municipality: str = ""
) -> QuerySet[Participant]:
    # Erased people are no one's to list: only their partners' history points at
    # them (shown as "raderad deltagare").
    participants = Participant.objects.select_related("program").exclude(
        status=Participant.Status.ERASED
    )
    if program:
        participants = participants.filter(program__slug=program)
    if side:
        participants = participants.filter(side_key=side)
    if status:
        participants = participants.filter(status=status)
    if municipality:
        participants = participants.filter(municipality=municipality)
    return participants.order_by("program__name", "side_key", "queued_at", "created_at")


def queue_by_side(*, program: Program) -> list[dict]:
    """Per side of the program: how many wait in the queue, how many of them are in
    a proposal now, how many are left without one, and the places they offer
    (people x the side's default capacity). The side with the fewest places is
    marked scarce when the two differ."""
    proposed = Match.objects.filter(program=program, status=Match.Status.PROPOSED)
    in_proposal = Q(pk__in=proposed.values("participant_a")) | Q(
        pk__in=proposed.values("participant_b")
    )
    queued = Participant.objects.filter(
        program=program, status=Participant.Status.QUEUED
    )
    rows = []
    for side in program.sides.all():
        waiting = queued.filter(side_key=side.key)
        total = waiting.count()
        proposed_count = waiting.filter(in_proposal).count()
        rows.append(
            {
                "key": side.key,
                "name": side.name_sv,
                "waiting": total,
                "in_proposal": proposed_count,
                "left": total - proposed_count,
                "places": total * max(side.capacity_default, 1),
                "scarce": False,
            }
        )
    if len(rows) == 2 and rows[0]["places"] != rows[1]["places"]:
        min(rows, key=lambda row: row["places"])["scarce"] = True
    return rows
