"""Reviewing a run's proposals: reject, swap, pair by hand, publish."""

import logging
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from config.errors import ApplicationError
from matching.matches.commitment import match_commitment_evaluate
from matching.models import (
    ForbiddenPair,
    Match,
    Participant,
    Program,
)
from matching.participants.notify import participant_notify

logger = logging.getLogger(__name__)


NOT_PROPOSED = "Only proposals can be changed; this pair is already {status}."
NOT_WAITING = "{name} is not waiting in the queue of {program}."
WRONG_SIDES = "Pair someone from the first side with someone from the second side."
FORBIDDEN = "{a} and {b} must not be matched again."
ALREADY_PAIRED = "{a} and {b} already have an open match."
NOTHING_TO_PUBLISH = "There are no proposals to publish."
PUBLISH_NOT_WAITING = (
    "{name} is no longer waiting to be matched ({status}), so {a} & {b} was not "
    "published."
)
PUBLISH_NO_ROOM = (
    "{name} already has as many matches as the program allows, so {a} & {b} was "
    "not published."
)


def _proposal(match: Match) -> Match:
    if match.status != Match.Status.PROPOSED:
        raise ApplicationError(NOT_PROPOSED.format(status=match.get_status_display()))
    return match


def match_reject(*, match: Match) -> Match:
    _proposal(match)
    match.status = Match.Status.REJECTED
    match.save(update_fields=["status"])
    return match


def match_swap(*, first: Match, second: Match) -> tuple[Match, Match]:
    """Exchange the second-side partners of two proposals."""
    _proposal(first)
    _proposal(second)
    with transaction.atomic():
        first_b, second_b = first.participant_b_id, second.participant_b_id
        for match, b in ((first, second_b), (second, first_b)):
            if ForbiddenPair.objects.filter(
                participant_a_id=match.participant_a_id, participant_b_id=b
            ).exists():
                raise ApplicationError(
                    FORBIDDEN.format(
                        a=match.participant_a, b=Participant.objects.get(pk=b)
                    )
                )
        # Park one side first: the open-pair constraint is checked row by row.
        Match.objects.filter(pk=first.pk).update(status=Match.Status.REJECTED)
        Match.objects.filter(pk=second.pk).update(
            participant_b_id=first_b, by_hand=True
        )
        Match.objects.filter(pk=first.pk).update(
            participant_b_id=second_b, by_hand=True, status=Match.Status.PROPOSED
        )
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second


def match_pair_by_hand(
    *, program: Program, participant_a: Participant, participant_b: Participant
) -> Match:
    if participant_a.side_key != "a" or participant_b.side_key != "b":
        raise ApplicationError(WRONG_SIDES)
    for person in (participant_a, participant_b):
        if person.program_id != program.pk or person.status not in (
            Participant.Status.QUEUED,
            Participant.Status.MATCHED,
        ):
            raise ApplicationError(
                NOT_WAITING.format(name=person, program=program.name)
            )
    if ForbiddenPair.objects.filter(
        participant_a=participant_a, participant_b=participant_b
    ).exists():
        raise ApplicationError(FORBIDDEN.format(a=participant_a, b=participant_b))
    try:
        with transaction.atomic():
            return Match.objects.create(
                program=program,
                participant_a=participant_a,
                participant_b=participant_b,
                by_hand=True,
                explanation="Parade för hand av en samordnare.",
            )
    except IntegrityError:
        raise ApplicationError(
            ALREADY_PAIRED.format(a=participant_a, b=participant_b)
        ) from None


def _contact(person: Participant) -> str:
    parts = [person.email]
    if person.phone:
        parts.append(str(person.phone))
    return ", ".join(parts)


@dataclass(frozen=True)
class PublishResult:
    """`published` proposals were published now; `refused` holds (match id,
    message) for those left as proposals because a person can no longer be
    matched."""

    published: int
    refused: list[tuple[int, str]] = dataclass_field(default_factory=list)


def _publish_problem(
    person: Participant, match: Match, taken: dict, capacity_max: dict
) -> str | None:
    names = {"a": match.participant_a, "b": match.participant_b}
    if person.status not in (Participant.Status.QUEUED, Participant.Status.MATCHED):
        return PUBLISH_NOT_WAITING.format(
            name=person,
            status=person.get_status_display(),
            a=names["a"],
            b=names["b"],
        )
    if taken.get((person.pk, match.session_id), 0) >= capacity_max.get(
        person.side_key, 1
    ):
        return PUBLISH_NO_ROOM.format(name=person, a=names["a"], b=names["b"])
    return None


def matches_publish(
    *, program: Program, base_url: str, match_ids=None
) -> PublishResult:
    """Publish proposals in bulk: both people are told by e-mail and SMS.

    Exactly once, however many publish at the same moment: the people and their
    proposals are locked (in that order, as pausing and withdrawing lock them),
    each proposal is re-read inside the lock and only those still proposed are
    published and told. A proposal whose person can no longer be matched (paused,
    withdrawn, unavailable, or no room for another match) stays a proposal and is
    named in `refused`; the rest of the batch is published. When every proposal is
    refused, ApplicationError says why.
    """
    proposals = Match.objects.filter(program=program, status=Match.Status.PROPOSED)
    if match_ids is not None:
        proposals = proposals.filter(pk__in=match_ids)
    rows = list(proposals.values_list("pk", "participant_a_id", "participant_b_id"))
    if not rows:
        raise ApplicationError(NOTHING_TO_PUBLISH)
    person_ids = sorted({a for _, a, _ in rows} | {b for _, _, b in rows})
    capacity_max = {side.key: max(side.capacity_max, 1) for side in program.sides.all()}
    now = timezone.now()
    published: list[Match] = []
    refused: list[tuple[int, str]] = []
    with transaction.atomic():
        people = {
            person.pk: person
            for person in Participant.objects.select_for_update()
            .filter(pk__in=person_ids)
            .order_by("pk")
        }
        locked = list(
            Match.objects.select_for_update(of=("self",))
            .filter(pk__in=[pk for pk, _, _ in rows], status=Match.Status.PROPOSED)
            .order_by("-score", "pk")
        )
        taken: dict[tuple[int, int | None], int] = {}
        for a_id, b_id, session_id in Match.objects.filter(
            Q(participant_a_id__in=person_ids) | Q(participant_b_id__in=person_ids),
            status__in=Match.OPEN_STATUSES,
        ).values_list("participant_a_id", "participant_b_id", "session_id"):
            for person_id in (a_id, b_id):
                taken[(person_id, session_id)] = (
                    taken.get((person_id, session_id), 0) + 1
                )
        for match in locked:
            match.program = program
            match.participant_a = people[match.participant_a_id]
            match.participant_b = people[match.participant_b_id]
            problem = _publish_problem(
                match.participant_a, match, taken, capacity_max
            ) or _publish_problem(match.participant_b, match, taken, capacity_max)
            if problem:
                refused.append((match.pk, problem))
                continue
            match.status = Match.Status.PUBLISHED
            match.published_at = now
            match.save(update_fields=["status", "published_at"])
            match_commitment_evaluate(match=match)
            for person in (match.participant_a, match.participant_b):
                key = (person.pk, match.session_id)
                taken[key] = taken.get(key, 0) + 1
                if person.status == Participant.Status.QUEUED:
                    person.status = Participant.Status.MATCHED
                    person.status_changed_at = now
                    person.save(
                        update_fields=["status", "status_changed_at", "updated_at"]
                    )
            published.append(match)
        if refused and not published:
            raise ApplicationError(
                refused[0][1], {"refused": [message for _, message in refused]}
            )
        for match in published:
            for person, partner in (
                (match.participant_a, match.participant_b),
                (match.participant_b, match.participant_a),
            ):
                participant_notify(
                    participant=person,
                    key="match_published",
                    context={
                        "partner_first_name": partner.first_name,
                        "partner_contact": _contact(partner),
                    },
                    base_url=base_url,
                    channels=("email", "sms"),
                )
    return PublishResult(published=len(published), refused=refused)
