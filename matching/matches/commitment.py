"""A match's commitment (meetings asked over months): where it stands, for staff
and for the participants."""

import calendar
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.models import (
    Match,
    Meeting,
)

logger = logging.getLogger(__name__)


# Staff see these as reasons for a check-in; participants the texts further down.
CHECKIN_NOT_MET = _("commitment not met: {held} of {asked} meetings in {months} months")
CHECKIN_UNCONFIRMED = _("not confirmed by both after two weeks")
CHECKIN_NO_MEETING = _("no meeting for {days} days")
CHECKIN_LOW_RATING = _("low rating in the follow-up ({rating})")
CHECKIN_BEHIND = _(
    "behind schedule: {held} of {asked} meetings, at least {expected} expected by now"
)


def months_passed(start: date, today: date) -> int:
    """Whole calendar months from `start` to `today` (15 Jan -> 14 Feb is 0)."""
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    return months


def commitment_period_end(start: date, months: int) -> date:
    """The first day on which `months` calendar months have passed since `start`,
    counted as `_months_passed` counts them: the same day of the month, or the
    first of the next month when that month is too short (31 Jan + 1 -> 1 Mar)."""
    year, month_index = divmod(start.month - 1 + months, 12)
    year += start.year
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    if start.day <= last_day:
        return date(year, month, start.day)
    return date(year, month, last_day) + timedelta(days=1)


@dataclass(frozen=True)
class CommitmentProgress:
    """Where a pair stands against the program's commitment (e.g. 3 meetings in
    6 months). `held` counts meetings within the period; `expected` is how many a
    pair on schedule has held by today: the commitment pro rata of the days gone,
    rounded down, so a pair is behind only once a whole meeting is overdue."""

    state: str
    held: int = 0
    asked: int = 0
    months: int = 0
    expected: int = 0
    period_end: date | None = None


def match_commitment(
    match: Match, *, today: date | None = None, meeting_dates=None
) -> CommitmentProgress:
    """Met as soon as enough meetings are held within the period; not met when the
    period is over without them (or the match ended without them); behind or on
    track in between. Untracked unless the program asks for both meetings and
    months and the match is published."""
    program = match.program
    asked, months = program.commitment_meetings, program.commitment_months
    if not (asked and months and match.published_at):
        return CommitmentProgress(state=Match.Commitment.NOT_TRACKED)
    today = today or timezone.localdate()
    start = timezone.localdate(match.published_at)
    end = commitment_period_end(start, months)
    if meeting_dates is None:
        meeting_dates = match.meetings.values_list("happened_on", flat=True)
    held = sum(1 for happened_on in meeting_dates if happened_on < end)
    progress = {"held": held, "asked": asked, "months": months, "period_end": end}
    if held >= asked:
        return CommitmentProgress(state=Match.Commitment.MET, **progress)
    if today >= end or match.status == Match.Status.ENDED:
        return CommitmentProgress(state=Match.Commitment.NOT_MET, **progress)
    elapsed = max((today - start).days, 0)
    expected = asked * elapsed // (end - start).days
    state = Match.Commitment.BEHIND if held < expected else Match.Commitment.ON_TRACK
    return CommitmentProgress(state=state, expected=expected, **progress)


def match_commitment_evaluate(*, match: Match, today: date | None = None) -> str:
    """Store where the match stands against its commitment (see
    `match_commitment`); returns the state."""
    today = today or timezone.localdate()
    state = match_commitment(match, today=today).state
    Match.objects.filter(pk=match.pk).update(
        commitment=state, commitment_checked_on=today
    )
    match.commitment = state
    match.commitment_checked_on = today
    return state


def matches_commitment_evaluate(*, today: date | None = None) -> int:
    """Daily job body for one tenant: re-evaluate every open match whose program
    tracks a commitment; returns how many changed state."""
    from django.db.models import Prefetch

    today = today or timezone.localdate()
    changed = 0
    matches = (
        Match.objects.filter(
            status__in=Match.OPEN_STATUSES,
            program__commitment_meetings__gt=0,
            program__commitment_months__gt=0,
        )
        .select_related("program")
        .prefetch_related(
            Prefetch(
                "meetings", queryset=Meeting.objects.only("match_id", "happened_on")
            )
        )
    )
    for match in matches:
        dates = [meeting.happened_on for meeting in match.meetings.all()]
        state = match_commitment(match, today=today, meeting_dates=dates).state
        if state != match.commitment or match.commitment_checked_on != today:
            if state != match.commitment:
                changed += 1
            Match.objects.filter(pk=match.pk).update(
                commitment=state, commitment_checked_on=today
            )
    return changed
