"""Reviewing proposals, publishing them, and the life of a match after that."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

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
from matching.services.messages import message_queue
from matching.services.tokens import participant_token_issue
from tenants.errors import ApplicationError

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
    if template is not None:
        subject, body = template.subject, template.body
    elif (key, channel) in DEFAULT_TEMPLATES:
        subject, body = DEFAULT_TEMPLATES[(key, channel)]
    else:
        return None
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


def matches_publish(*, program: Program, base_url: str, match_ids=None) -> int:
    """Publish proposals in bulk: both people are told by e-mail and SMS."""
    proposals = Match.objects.filter(program=program, status=Match.Status.PROPOSED)
    if match_ids is not None:
        proposals = proposals.filter(pk__in=match_ids)
    proposals = list(proposals.select_related("participant_a", "participant_b"))
    if not proposals:
        raise ApplicationError(NOTHING_TO_PUBLISH)
    now = timezone.now()
    with transaction.atomic():
        for match in proposals:
            match.status = Match.Status.PUBLISHED
            match.published_at = now
            match.save(update_fields=["status", "published_at"])
            for person, partner in (
                (match.participant_a, match.participant_b),
                (match.participant_b, match.participant_a),
            ):
                if person.status == Participant.Status.QUEUED:
                    person.status = Participant.Status.MATCHED
                    person.status_changed_at = now
                    person.save(
                        update_fields=["status", "status_changed_at", "updated_at"]
                    )
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
    return len(proposals)


def _own(match: Match, participant: Participant) -> str:
    side = match.side_of(participant)
    if side is None:
        raise ApplicationError(NOT_YOURS)
    return side


def match_confirm(*, match: Match, participant: Participant) -> Match:
    side = _own(match, participant)
    if match.status not in (Match.Status.PUBLISHED, Match.Status.ACTIVE):
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
    if match.status not in (Match.Status.PUBLISHED, Match.Status.ACTIVE):
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
    return Meeting.objects.create(
        match=match, happened_on=happened_on, note=note, logged_by=logged_by
    )


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
        months_passed = (today.year - start.year) * 12 + today.month - start.month
        if today.day < start.day:
            months_passed -= 1
        left = max(program.commitment_months - months_passed, 0)
        parts.append(f"{left} månad{'er' if left != 1 else ''} kvar")
    return ", ".join(parts)


def match_end(
    *,
    match: Match,
    reason: str,
    requeue_a: bool = False,
    requeue_b: bool = False,
    forbid_again: bool = False,
) -> Match:
    reason = (reason or "").strip()
    if not reason or len(reason) > 300:
        raise ApplicationError(END_REASON, {"field": "reason"})
    if match.status not in (Match.Status.PUBLISHED, Match.Status.ACTIVE):
        raise ApplicationError(NOT_OPEN.format(action="end"))
    now = timezone.now()
    with transaction.atomic():
        match.status = Match.Status.ENDED
        match.ended_at = now
        match.end_reason = reason
        match.save(update_fields=["status", "ended_at", "end_reason"])
        for person, requeue in (
            (match.participant_a, requeue_a),
            (match.participant_b, requeue_b),
        ):
            still_open = Match.objects.filter(
                status__in=[Match.Status.PUBLISHED, Match.Status.ACTIVE]
            ).filter(participant_a=person) | Match.objects.filter(
                status__in=[Match.Status.PUBLISHED, Match.Status.ACTIVE],
                participant_b=person,
            )
            if requeue and not still_open.exists():
                person.status = Participant.Status.QUEUED
                person.queued_at = now
                person.status_changed_at = now
                person.save(
                    update_fields=[
                        "status",
                        "queued_at",
                        "status_changed_at",
                        "updated_at",
                    ]
                )
        if forbid_again:
            ForbiddenPair.objects.get_or_create(
                participant_a=match.participant_a,
                participant_b=match.participant_b,
                defaults={"program": match.program, "reason": reason},
            )
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
    meeting for the program's reminder period, or a low follow-up rating."""
    from django.db.models import Max, Min

    today = today or timezone.localdate()
    matches = Match.objects.filter(
        status__in=[Match.Status.PUBLISHED, Match.Status.ACTIVE]
    ).select_related("program", "participant_a", "participant_b")
    if program is not None:
        matches = matches.filter(program=program)
    matches = matches.annotate(
        last_meeting=Max("meetings__happened_on"),
        lowest_rating=Min("followups__rating"),
    )
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
        if reasons:
            flagged.append((match, reasons))
    return flagged


def reminders_and_followups_send(*, base_url: str, today: date | None = None) -> int:
    """Beat job body for one tenant: meeting reminders and follow-up surveys."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    open_matches = Match.objects.filter(
        status__in=[Match.Status.PUBLISHED, Match.Status.ACTIVE]
    ).select_related("program", "participant_a", "participant_b")
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
            status__in=[Match.Status.PUBLISHED, Match.Status.ACTIVE],
        )
        .select_related("program", "participant_a", "participant_b")
        .order_by("-published_at")
        .first()
    )


KICKOFF_WHEN = "Choose a time in the future for the kickoff meeting."
KICKOFF_WHERE = "Say where the kickoff meeting is (at most 200 characters)."


def match_kickoff_set(*, match: Match, when, where: str, base_url: str) -> Match:
    """Schedule the pair's kickoff meeting (Kv(in)na) and tell both."""
    if match.status not in (Match.Status.PUBLISHED, Match.Status.ACTIVE):
        raise ApplicationError(NOT_OPEN.format(action="get a kickoff meeting"))
    if when is None or when <= timezone.now():
        raise ApplicationError(KICKOFF_WHEN, {"field": "when"})
    where = (where or "").strip()
    if not where or len(where) > 200:
        raise ApplicationError(KICKOFF_WHERE, {"field": "where"})
    with transaction.atomic():
        match.kickoff_at = when
        match.save(update_fields=["kickoff_at"])
        for person, partner in (
            (match.participant_a, match.participant_b),
            (match.participant_b, match.participant_a),
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
    return match
