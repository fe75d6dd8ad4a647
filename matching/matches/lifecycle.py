"""The life of a published match: confirmation, meetings, the kickoff, follow-ups
and the end."""

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.matches.commitment import match_commitment_evaluate
from matching.models import (
    FollowUp,
    ForbiddenPair,
    Match,
    Meeting,
    Participant,
)
from matching.participants.notify import participant_notify

logger = logging.getLogger(__name__)


NOT_YOURS = _("This is not your match.")
MEETING_DATE = _("Write a date between the match and today.")
MEETING_NOTE = _("The note may be at most 500 characters.")
END_REASON = "Say why the match ends (at most 300 characters)."
NOT_OPEN = "Only a published or active match can {action}."
RATING = _("Choose a rating from 1 to 5.")
FOLLOWUP_TWICE = _("You have already answered this follow-up. Thank you!")


def _own(match: Match, participant: Participant) -> str:
    side = match.side_of(participant)
    if side is None:
        raise ApplicationError(NOT_YOURS)
    return side


def match_confirm(*, match: Match, participant: Participant) -> Match:
    side = _own(match, participant)
    if match.status not in Match.OPEN_STATUSES:
        raise ApplicationError(NOT_OPEN.format(action="be confirmed"))
    field = f"{side}_confirmed_at"
    if getattr(match, field) is None:
        setattr(match, field, timezone.now())
    if match.a_confirmed_at and match.b_confirmed_at:
        match.status = Match.Status.ACTIVE
    match.save(update_fields=[field, "status"])
    return match


def meeting_log(
    *, match: Match, participant: Participant | None, happened_on, note: str = ""
) -> Meeting:
    """Log a meeting; `participant` None means staff logged it."""
    logged_by = _own(match, participant) if participant is not None else "staff"
    if match.status not in Match.OPEN_STATUSES:
        raise ApplicationError(NOT_OPEN.format(action="have meetings logged"))
    if isinstance(happened_on, str):
        try:
            happened_on = date.fromisoformat(happened_on)
        except ValueError:
            raise ApplicationError(MEETING_DATE, {"field": "happened_on"}) from None
    published = timezone.localdate(match.published_at) if match.published_at else None
    if (
        not isinstance(happened_on, date)
        or happened_on > timezone.localdate()
        or (published and happened_on < published)
    ):
        raise ApplicationError(MEETING_DATE, {"field": "happened_on"})
    note = (note or "").strip()
    if len(note) > 500:
        raise ApplicationError(MEETING_NOTE, {"field": "note"})
    meeting = Meeting.objects.create(
        match=match, happened_on=happened_on, note=note, logged_by=logged_by
    )
    match_commitment_evaluate(match=match)
    return meeting


def _open_match_locked(match: Match, *, action: str) -> Match:
    """The match's row, locked until the caller's transaction ends, if it is still
    published or active; two requests at once are served one after the other."""
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("program", "participant_a", "participant_b")
        .get(pk=match.pk)
    )
    if locked.status not in Match.OPEN_STATUSES:
        raise ApplicationError(NOT_OPEN.format(action=action))
    return locked


def match_end(
    *,
    match: Match,
    reason: str,
    requeue_a: bool = False,
    requeue_b: bool = False,
    forbid_again: bool = False,
) -> Match:
    """End a published or active match. Ending twice at the same moment ends it
    once: the match row is locked and its status re-read inside the lock."""
    reason = (reason or "").strip()
    if not reason or len(reason) > 300:
        raise ApplicationError(END_REASON, {"field": "reason"})
    now = timezone.now()
    with transaction.atomic():
        locked = _open_match_locked(match, action="end")
        locked.status = Match.Status.ENDED
        locked.ended_at = now
        locked.end_reason = reason
        locked.save(update_fields=["status", "ended_at", "end_reason"])
        match_commitment_evaluate(match=locked)
        for person, requeue in (
            (locked.participant_a, requeue_a),
            (locked.participant_b, requeue_b),
        ):
            still_open = Match.objects.filter(
                Q(participant_a=person) | Q(participant_b=person),
                status__in=Match.OPEN_STATUSES,
            )
            if requeue and not still_open.exists():
                person.status = Participant.Status.QUEUED
                person.queued_at = now
                person.status_changed_at = now
                person.paused_at = None
                person.paused_days = 0
                person.save(
                    update_fields=[
                        "status",
                        "queued_at",
                        "status_changed_at",
                        "paused_at",
                        "paused_days",
                        "updated_at",
                    ]
                )
        if forbid_again:
            ForbiddenPair.objects.get_or_create(
                participant_a=locked.participant_a,
                participant_b=locked.participant_b,
                defaults={"program": locked.program, "reason": reason},
            )
    match.refresh_from_db()
    return match


def followup_answer(
    *,
    match: Match,
    participant: Participant,
    kind: str,
    rating,
    outcome: str = "",
    comment: str = "",
) -> FollowUp:
    _own(match, participant)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        raise ApplicationError(RATING, {"field": "rating"}) from None
    if not 1 <= rating <= 5:
        raise ApplicationError(RATING, {"field": "rating"})
    # Six months after is answered on its own (matching.matches.outcomes).
    asked_here = (FollowUp.Kind.FIRST_MONTH, FollowUp.Kind.END)
    if kind not in asked_here or outcome not in FollowUp.Outcome.values:
        raise ApplicationError(_("Unknown follow-up."))
    try:
        with transaction.atomic():
            return FollowUp.objects.create(
                match=match,
                participant=participant,
                kind=kind,
                rating=rating,
                outcome=outcome,
                comment=(comment or "").strip()[:2000],
            )
    except IntegrityError:
        raise ApplicationError(FOLLOWUP_TWICE) from None


KICKOFF_WHEN = "Choose a time in the future for the kickoff meeting."
KICKOFF_WHERE = "Say where the kickoff meeting is (at most 200 characters)."


def match_kickoff_set(*, match: Match, when, where: str, base_url: str) -> Match:
    """Schedule the pair's kickoff meeting (Kv(in)na) and tell both.

    Booking the same time and place again (a double click, two coordinators) tells
    nobody again; a changed time or place is told. The match row is locked while
    this is decided."""
    if when is None or when <= timezone.now():
        raise ApplicationError(KICKOFF_WHEN, {"field": "when"})
    where = (where or "").strip()
    if not where or len(where) > 200:
        raise ApplicationError(KICKOFF_WHERE, {"field": "where"})
    with transaction.atomic():
        locked = _open_match_locked(match, action="get a kickoff meeting")
        if locked.kickoff_at == when and locked.kickoff_place == where:
            match.refresh_from_db()
            return match
        locked.kickoff_at = when
        locked.kickoff_place = where
        locked.save(update_fields=["kickoff_at", "kickoff_place"])
        for person, partner in (
            (locked.participant_a, locked.participant_b),
            (locked.participant_b, locked.participant_a),
        ):
            participant_notify(
                participant=person,
                key="kickoff",
                context={
                    "partner_first_name": partner.first_name,
                    "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M"),
                    "where": where,
                },
                base_url=base_url,
                channels=("email", "sms"),
            )
    match.refresh_from_db()
    return match
