"""Reviewing proposals, publishing them, and the life of a match after that."""

import calendar
import logging
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import (
    FollowUp,
    ForbiddenPair,
    Match,
    Meeting,
    MessageTemplate,
    Participant,
    ParticipantToken,
    Program,
)
from matching.outbox.services import message_queue
from matching.participants.tokens import participant_token_issue

logger = logging.getLogger(__name__)

NOT_PROPOSED = "Only proposals can be changed; this pair is already {status}."
NOT_WAITING = "{name} is not waiting in the queue of {program}."
WRONG_SIDES = "Pair someone from the first side with someone from the second side."
FORBIDDEN = "{a} and {b} must not be matched again."
ALREADY_PAIRED = "{a} and {b} already have an open match."
NOTHING_TO_PUBLISH = "There are no proposals to publish."
NOT_YOURS = "Det här är inte din matchning."
MEETING_DATE = "Skriv ett datum mellan matchningen och i dag."
MEETING_NOTE = "Anteckningen får vara högst 500 tecken."
END_REASON = "Say why the match ends (at most 300 characters)."
NOT_OPEN = "Only a published or active match can {action}."
RATING = "Välj ett betyg från 1 till 5."
FOLLOWUP_TWICE = "Du har redan svarat på den här uppföljningen. Tack!"
PUBLISH_NOT_WAITING = (
    "{name} is no longer waiting to be matched ({status}), so {a} & {b} was not "
    "published."
)
PUBLISH_NO_ROOM = (
    "{name} already has as many matches as the program allows, so {a} & {b} was "
    "not published."
)

# Staff see these as reasons for a check-in; participants the texts further down.
CHECKIN_NOT_MET = "åtagandet inte uppfyllt: {held} av {asked} träffar på {months} mån"
CHECKIN_BEHIND = (
    "efter schemat: {held} av {asked} träffar, minst {expected} väntade vid det här "
    "laget"
)
PROGRESS_MET = "Ni har nått målet på {asked} träffar. Bra jobbat!"
PROGRESS_NOT_MET = (
    "Tiden för åtagandet har gått ut med {held} av {asked} träffar. En samordnare "
    "hör av sig."
)
PROGRESS_BEHIND = (
    "Ni ligger efter planen: vid det här laget borde ni ha setts minst {expected} "
    "gång{plural}."
)
PROGRESS_ON_TRACK = "Ni ligger i fas med planen."

DEFAULT_TEMPLATES = {
    ("match_published", "email"): (
        "Du har fått en matchning i {program}!",
        "Hej {first_name}!\n\nVi har matchat dig med {partner_first_name}. "
        "Hör av er till varandra: {partner_contact}.\n\n"
        "Bekräfta och se er matchning här: {link}\n\nVänliga hälsningar,\n{program}",
    ),
    ("match_published", "sms"): (
        "",
        "Hej {first_name}! Du är matchad med {partner_first_name} i {program}. "
        "Läs mer i din e-post.",
    ),
    ("meeting_reminder", "email"): (
        "Hur går det för er i {program}?",
        "Hej {first_name}!\n\nVi har inte sett någon träff loggad på ett tag. "
        "Har ni setts? Logga era träffar här: {link}\n\n{program}",
    ),
    ("event_reminder", "email"): (
        "Påminnelse: {event}",
        "Hej {first_name}!\n\nVälkommen till {event}, {when}, {where}.\n"
        "Lägg in i kalendern: {ics}\nKan du inte komma? Svara här: {link}\n\n{program}",
    ),
    ("kickoff", "email"): (
        "Startmöte i {program}: {when}",
        "Hej {first_name}!\n\nVälkommen till startmötet med {partner_first_name}: "
        "{when}, {where}. Där träffas ni tillsammans med en samordnare.\n\n"
        "Din sida: {link}\n\n{program}",
    ),
    ("kickoff", "sms"): (
        "",
        "Hej {first_name}! Startmöte med {partner_first_name} i {program}: {when}, "
        "{where}.",
    ),
    ("followup", "email"): (
        "Hur går det? Några frågor från {program}",
        "Hej {first_name}!\n\nBerätta gärna hur det går med {partner_first_name}. "
        "Det tar en minut: {link}\n\n{program}",
    ),
}


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _render(program: Program, key: str, channel: str, language: str, context: dict):
    template = (
        MessageTemplate.objects.filter(program=program, key=key, channel=channel)
        .filter(language__in=[language, "sv"])
        .order_by("-language" if language > "sv" else "language")
        .first()
    )
    default = DEFAULT_TEMPLATES.get((key, channel))
    if template is not None:
        try:
            return (
                template.subject.format_map(_Blank(context)),
                template.body.format_map(_Blank(context)),
            )
        except (ValueError, AttributeError, IndexError, KeyError, TypeError):
            # Saved before templates were checked on save: send the default text
            # rather than fail the publish or the beat job.
            logger.warning("message template %s cannot be filled in", template.pk)
            if default is None:
                return None
    if default is None:
        return None
    subject, body = default
    return subject.format_map(_Blank(context)), body.format_map(_Blank(context))


def participant_notify(
    *,
    participant: Participant,
    key: str,
    context: dict,
    base_url: str,
    channels=("email",),
) -> None:
    """Send a program message to a participant on the channels asked for, with a
    fresh self-service link in {link}; opt-outs are honoured by the outbox."""
    token = participant_token_issue(
        participant=participant, purpose=ParticipantToken.Purpose.MANAGE
    )
    context = {
        "first_name": participant.first_name,
        "program": participant.program.name,
        "link": f"{base_url}/deltagare/oppna/{token}/",
        **context,
    }
    for channel in channels:
        rendered = _render(
            participant.program, key, channel, participant.language, context
        )
        if rendered is None:
            continue
        to = participant.email if channel == "email" else str(participant.phone or "")
        message_queue(
            channel=channel,
            to=to,
            subject=rendered[0],
            body=rendered[1],
            participant=participant,
            template_key=key,
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


def proposals_remove(*, participant: Participant) -> int:
    """Delete the person's open proposals (they paused, withdrew or were marked
    unavailable); their would-be partners are free to be paired again. Call it
    inside the transaction that changes the person's status."""
    deleted, _ = Match.objects.filter(
        Q(participant_a=participant) | Q(participant_b=participant),
        status=Match.Status.PROPOSED,
    ).delete()
    return deleted


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


def _months_passed(start: date, today: date) -> int:
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


def match_commitment_text(match: Match, *, today: date | None = None) -> str:
    """For the participant: where the pair stands, in a sentence ("" untracked)."""
    progress = match_commitment(match, today=today)
    if progress.state == Match.Commitment.MET:
        return PROGRESS_MET.format(asked=progress.asked)
    if progress.state == Match.Commitment.NOT_MET:
        return PROGRESS_NOT_MET.format(held=progress.held, asked=progress.asked)
    if progress.state == Match.Commitment.BEHIND:
        return PROGRESS_BEHIND.format(
            expected=progress.expected, plural="er" if progress.expected != 1 else ""
        )
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
        parts.append(f"{meetings} av {program.commitment_meetings} träffar")
    else:
        parts.append(f"{meetings} träff{'ar' if meetings != 1 else ''}")
    if program.commitment_months and match.published_at:
        start = timezone.localdate(match.published_at)
        left = max(program.commitment_months - _months_passed(start, today), 0)
        parts.append(f"{left} månad{'er' if left != 1 else ''} kvar")
    return ", ".join(parts)


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
    if kind not in FollowUp.Kind.values or outcome not in FollowUp.Outcome.values:
        raise ApplicationError("Okänd uppföljning.")
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
            reasons.append("inte bekräftad av båda efter två veckor")
        last = match.last_meeting or published
        if (today - last).days >= match.program.reminder_after_days:
            reasons.append(f"ingen träff på {(today - last).days} dagar")
        if match.lowest_rating is not None and match.lowest_rating <= 2:
            reasons.append(f"lågt betyg i uppföljningen ({match.lowest_rating})")
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


def reminders_and_followups_send(*, base_url: str, today: date | None = None) -> int:
    """Beat job body for one tenant: meeting reminders and follow-up surveys."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    open_matches = Match.objects.filter(status__in=Match.OPEN_STATUSES).select_related(
        "program", "participant_a", "participant_b"
    )
    for match in open_matches:
        program = match.program
        published = (
            timezone.localdate(match.published_at) if match.published_at else today
        )
        last = (
            match.meetings.order_by("-happened_on")
            .values_list("happened_on", flat=True)
            .first()
        )
        quiet_days = (today - (last or published)).days
        reminded = timezone.localdate(match.reminded_at) if match.reminded_at else None
        if quiet_days >= program.reminder_after_days and (
            reminded is None or (today - reminded).days >= program.reminder_after_days
        ):
            for person in (match.participant_a, match.participant_b):
                participant_notify(
                    participant=person,
                    key="meeting_reminder",
                    context={},
                    base_url=base_url,
                )
            match.reminded_at = now
            match.save(update_fields=["reminded_at"])
            sent += 2
        due = []
        if match.first_followup_sent_at is None and (today - published).days >= 30:
            due.append("first_followup_sent_at")
        if (
            match.final_followup_sent_at is None
            and program.commitment_months
            and (today - published).days >= program.commitment_months * 30
        ):
            due.append("final_followup_sent_at")
        for field in due:
            for person, partner in (
                (match.participant_a, match.participant_b),
                (match.participant_b, match.participant_a),
            ):
                participant_notify(
                    participant=person,
                    key="followup",
                    context={"partner_first_name": partner.first_name},
                    base_url=base_url,
                )
                sent += 1
            setattr(match, field, now)
            match.save(update_fields=[field])
    return sent


def match_for_participant(participant: Participant) -> Match | None:
    """The participant's open match, if any (the newest)."""
    from django.db.models import Q

    return (
        Match.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant),
            status__in=Match.OPEN_STATUSES,
        )
        .select_related("program", "participant_a", "participant_b")
        .order_by("-published_at")
        .first()
    )


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
