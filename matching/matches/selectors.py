"""Reads of matches: proposals, who waits, matches needing a check-in, a
participant's match and all their matches, commitment counts."""

import logging
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from matching.matches.commitment import (
    CHECKIN_BEHIND,
    CHECKIN_LOW_RATING,
    CHECKIN_NO_MEETING,
    CHECKIN_NOT_MET,
    CHECKIN_UNCONFIRMED,
    match_commitment,
    months_passed,
)
from matching.models import (
    Match,
    Participant,
    Program,
)

logger = logging.getLogger(__name__)


PROGRESS_MET = _("You have reached the goal of {asked} meetings. Well done!")
PROGRESS_NOT_MET = _(
    "The time for the commitment has run out with {held} of {asked} meetings. "
    "A coordinator will be in touch."
)
PROGRESS_ON_TRACK = _("You are keeping to the plan.")


def matches_needing_checkin(
    *, program: Program | None = None, today: date | None = None
):
    """Open matches a coordinator should look at: unconfirmed after two weeks, no
    meeting for the program's reminder period, a low follow-up rating, behind
    schedule on the commitment, or its period over without enough meetings."""
    from django.db.models import Max, Min

    today = today or timezone.localdate()
    matches = Match.objects.filter(status__in=Match.OPEN_STATUSES).select_related(
        "program", "participant_a", "participant_b"
    )
    if program is not None:
        matches = matches.filter(program=program)
    matches = matches.annotate(
        last_meeting=Max("meetings__happened_on"),
        lowest_rating=Min("followups__rating"),
    ).prefetch_related("meetings")
    flagged = []
    for match in matches:
        reasons = []
        published = (
            timezone.localdate(match.published_at) if match.published_at else today
        )
        if match.status == Match.Status.PUBLISHED and (today - published).days >= 14:
            reasons.append(str(CHECKIN_UNCONFIRMED))
        last = match.last_meeting or published
        if (today - last).days >= match.program.reminder_after_days:
            reasons.append(CHECKIN_NO_MEETING.format(days=(today - last).days))
        if match.lowest_rating is not None and match.lowest_rating <= 2:
            reasons.append(CHECKIN_LOW_RATING.format(rating=match.lowest_rating))
        commitment = match_commitment(
            match,
            today=today,
            meeting_dates=[meeting.happened_on for meeting in match.meetings.all()],
        )
        if commitment.state == Match.Commitment.NOT_MET:
            reasons.append(
                CHECKIN_NOT_MET.format(
                    held=commitment.held,
                    asked=commitment.asked,
                    months=commitment.months,
                )
            )
        elif commitment.state == Match.Commitment.BEHIND:
            reasons.append(
                CHECKIN_BEHIND.format(
                    held=commitment.held,
                    asked=commitment.asked,
                    expected=commitment.expected,
                )
            )
        if reasons:
            flagged.append((match, reasons))
    return flagged


def match_for_participant(participant: Participant) -> Match | None:
    """The participant's open match, if any (the newest)."""
    return (
        Match.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant),
            status__in=Match.OPEN_STATUSES,
        )
        .select_related("program", "participant_a", "participant_b")
        .order_by("-published_at")
        .first()
    )


def proposals_of_program(*, program: Program):
    return (
        Match.objects.filter(program=program, status=Match.Status.PROPOSED)
        .select_related("participant_a", "participant_b", "session")
        .order_by("-score", "pk")
    )


def participants_waiting(*, program: Program):
    """Queued people with no open proposal: for pairing by hand."""
    proposed = Match.objects.filter(program=program, status=Match.Status.PROPOSED)
    return Participant.objects.filter(
        program=program, status=Participant.Status.QUEUED
    ).exclude(
        Q(pk__in=proposed.values("participant_a"))
        | Q(pk__in=proposed.values("participant_b"))
    )


def commitment_counts(*, program: Program) -> dict[str, int]:
    """How many of the program's matches met their commitment, did not, are behind
    schedule or on track, as last evaluated (on publish, on each logged meeting, at
    the end and by the daily job). Matches the program does not track are left
    out; every state is in the answer, 0 when none."""
    counts = {state: 0 for state in Match.Commitment.values if state}
    rows = (
        Match.objects.filter(program=program)
        .exclude(commitment=Match.Commitment.NOT_TRACKED)
        .values("commitment")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["commitment"]] = row["n"]
    return counts


def matches_of_participant(participant: Participant) -> QuerySet[Match]:
    """Every match the person was in, newest first (proposals included)."""
    return (
        Match.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant)
        )
        .select_related("participant_a", "participant_b", "program")
        .order_by("-published_at", "-pk")
    )


def match_commitment_text(match: Match, *, today: date | None = None) -> str:
    """For the participant: where the pair stands, in a sentence ("" untracked)."""
    progress = match_commitment(match, today=today)
    if progress.state == Match.Commitment.MET:
        return PROGRESS_MET.format(asked=progress.asked)
    if progress.state == Match.Commitment.NOT_MET:
        return PROGRESS_NOT_MET.format(held=progress.held, asked=progress.asked)
    if progress.state == Match.Commitment.BEHIND:
        return ngettext(
            "You are behind the plan: by now you should have met at least "
            "{expected} time.",
            "You are behind the plan: by now you should have met at least "
            "{expected} times.",
            progress.expected,
        ).format(expected=progress.expected)
    if progress.state == Match.Commitment.ON_TRACK:
        return PROGRESS_ON_TRACK
    return ""


def match_progress_text(match: Match, *, today: date | None = None) -> str:
    """ "2 av 3 träffar, 4 månader kvar" against the program's commitment."""
    today = today or timezone.localdate()
    program = match.program
    meetings = match.meetings.count()
    parts = []
    if program.commitment_meetings:
        parts.append(
            ngettext(
                "{held} of {asked} meeting",
                "{held} of {asked} meetings",
                program.commitment_meetings,
            ).format(held=meetings, asked=program.commitment_meetings)
        )
    else:
        parts.append(
            ngettext("{held} meeting", "{held} meetings", meetings).format(
                held=meetings
            )
        )
    if program.commitment_months and match.published_at:
        start = timezone.localdate(match.published_at)
        left = max(program.commitment_months - months_passed(start, today), 0)
        parts.append(
            ngettext("{left} month left", "{left} months left", left).format(left=left)
        )
    return ", ".join(parts)
