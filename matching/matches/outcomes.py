"""Outcomes: what a participant does next (work, studies, internship, looking
for work, other), asked at the end of a match and six months after it ended in
the programs that track them (funders ask for both), and recorded by staff when
told by phone. Each is done once, however many workers, clicks or retries meet."""

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.models import FollowUp, Match, Participant
from matching.participants.notify import participant_notify

SIX_MONTHS = 6
# A match that ended longer ago than six months and this is not asked any more
# (the job was down, or the program began tracking outcomes later).
LATE_DAYS = 30
NOT_ASKED = (Participant.Status.WITHDRAWN, Participant.Status.ERASED)
UNKNOWN_OUTCOME = _(
    "Choose an outcome: a job, studies, an internship, looking for work or other."
)
UNKNOWN_KIND = _("Choose when the outcome was asked: at the end or six months after.")
NOT_IN_MATCH = _("The person is not in this match.")
NOT_ENDED = _("The match has not ended: an outcome six months after comes later.")


def months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def six_month_followups_due(today: date):
    """Ended matches in programs that track outcomes whose six months are up
    (within LATE_DAYS) and whose question has not gone out."""
    last_day = months_before(today, SIX_MONTHS)
    return Match.objects.filter(
        status=Match.Status.ENDED,
        program__tracks_outcomes=True,
        six_month_followup_sent_at__isnull=True,
        ended_at__date__lte=last_day,
        ended_at__date__gt=last_day - timedelta(days=LATE_DAYS),
    )


def _claimed(match_id: int, sent_field: str) -> Match | None:
    """The match, if this call is the one to ask its question: `sent_field` set
    by one conditional update (two workers, or a retried task, ask once). Called
    inside the transaction that queues the messages."""
    claimed = Match.objects.filter(
        pk=match_id, **{f"{sent_field}__isnull": True}
    ).update(**{sent_field: timezone.now()})
    if not claimed:
        return None
    return Match.objects.select_related(
        "participant_a__program", "participant_b__program"
    ).get(pk=match_id)


def _pending(participant: Participant, *, kind: str, sent_field: str, people: Q):
    """The newest ended match of `people` whose `kind` question went out to
    `participant` and has not been answered by them."""
    answered = FollowUp.objects.filter(
        match=OuterRef("pk"), participant=participant, kind=kind
    )
    return (
        Match.objects.filter(
            people,
            status=Match.Status.ENDED,
            **{f"{sent_field}__isnull": False},
        )
        .exclude(Exists(answered))
        .order_by("-ended_at")
        .first()
    )


def six_month_followups_send(*, base_url: str, today: date | None = None) -> int:
    """The daily job's part: each due match's participant (the side the program
    is for) asked what they do now. The match is claimed by a conditional update
    in the same transaction as the message is queued: two workers, or a retried
    task, ask once."""
    today = today or timezone.localdate()
    asked = 0
    for match_id in six_month_followups_due(today).values_list("pk", flat=True):
        with transaction.atomic():
            match = _claimed(match_id, "six_month_followup_sent_at")
            if match is None:
                continue
            person = match.participant_a
            if (
                person.status in NOT_ASKED
                or FollowUp.objects.filter(
                    match=match, participant=person, kind=FollowUp.Kind.SIX_MONTHS
                ).exists()
            ):
                continue
            participant_notify(
                participant=person,
                key="followup_six_months",
                context={},
                base_url=base_url,
            )
            asked += 1
    return asked


def six_month_followup_pending(participant: Participant) -> Match | None:
    """The ended match whose six-month question `participant` has been sent and
    not answered yet (only the side the program is for is asked)."""
    return _pending(
        participant,
        kind=FollowUp.Kind.SIX_MONTHS,
        sent_field="six_month_followup_sent_at",
        people=Q(participant_a=participant),
    )


def _checked(
    match: Match, participant: Participant | None, kind: str, outcome: str
) -> None:
    people = (match.participant_a_id, match.participant_b_id)
    if participant is None or participant.pk not in people:
        raise ApplicationError(NOT_IN_MATCH, {"field": "participant"})
    if kind not in (FollowUp.Kind.END, FollowUp.Kind.SIX_MONTHS):
        raise ApplicationError(UNKNOWN_KIND, {"field": "kind"})
    if outcome not in FollowUp.Outcome.values or not outcome:
        raise ApplicationError(UNKNOWN_OUTCOME, {"field": "outcome"})
    if kind == FollowUp.Kind.SIX_MONTHS and match.status != Match.Status.ENDED:
        raise ApplicationError(NOT_ENDED, {"field": "kind"})


def six_month_answer(
    *, match: Match, participant: Participant, outcome: str, comment: str = ""
) -> FollowUp:
    """The participant's own answer six months after. Their answer stands over
    one staff recorded by phone before (they know best); a second answer of
    theirs (a double click) changes nothing."""
    _checked(match, participant, FollowUp.Kind.SIX_MONTHS, outcome)
    followup, created = FollowUp.objects.get_or_create(
        match=match,
        participant=participant,
        kind=FollowUp.Kind.SIX_MONTHS,
        defaults={"outcome": outcome, "comment": (comment or "").strip()[:2000]},
    )
    if not created and followup.recorded_by:
        FollowUp.objects.filter(pk=followup.pk).update(
            outcome=outcome, recorded_by="", comment=(comment or "").strip()[:2000]
        )
        followup.refresh_from_db()
    return followup


def outcome_record(
    *, match: Match, participant: Participant | None, kind: str, outcome: str, by
) -> FollowUp:
    """Staff record an outcome the person told by phone: made once, or, where an
    answer is there already, its outcome set (two coordinators at once: one row,
    the last word)."""
    _checked(match, participant, kind, outcome)
    followup, _created = FollowUp.objects.update_or_create(
        match=match,
        participant=participant,
        kind=kind,
        defaults={"outcome": outcome, "recorded_by": by.get_username()[:150]},
    )
    return followup


def end_followups_send(*, base_url: str, today: date | None = None) -> int:
    """A match that ended (by a coordinator, or early) in a program that tracks
    outcomes, before its end-of-commitment question went out: both are asked how
    it went and what they do now, once (claimed as the six months are), if it
    ended within LATE_DAYS."""
    today = today or timezone.localdate()
    due = Match.objects.filter(
        status=Match.Status.ENDED,
        program__tracks_outcomes=True,
        final_followup_sent_at__isnull=True,
        ended_at__date__gt=today - timedelta(days=LATE_DAYS),
    )
    asked = 0
    for match_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            match = _claimed(match_id, "final_followup_sent_at")
            if match is None:
                continue
            pairs = (
                (match.participant_a, match.participant_b),
                (match.participant_b, match.participant_a),
            )
            for person, partner in pairs:
                if person.status in NOT_ASKED:
                    continue
                participant_notify(
                    participant=person,
                    key="followup",
                    context={"partner_first_name": partner.first_name},
                    base_url=base_url,
                )
                asked += 1
    return asked


def end_followup_pending(participant: Participant) -> Match | None:
    """The ended match whose end question `participant` was sent and has not
    answered."""
    return _pending(
        participant,
        kind=FollowUp.Kind.END,
        sent_field="final_followup_sent_at",
        people=Q(participant_a=participant) | Q(participant_b=participant),
    )
