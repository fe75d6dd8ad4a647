"""What participants do with their registration, and what coordinators do with it."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import Participant, ParticipantToken, Program, Referral, StaffNote
from matching.outbox.services import message_queue
from matching.participants.models import ERASED_NAME
from matching.participants.registration import answer_clean
from matching.participants.tokens import participant_token_issue

NOT_NOW = "Det går inte att {action} när anmälan har status ”{status}”."
REASON_REQUIRED = "Skriv varför (högst 200 tecken)."
NOTE_REQUIRED = "Skriv en anteckning (högst 5000 tecken)."
ALREADY_REGISTERED = "{email} är redan anmäld till {program}."
NOTE_ON_ERASED = "Personen har raderat sina uppgifter; inga nya anteckningar."

PAUSABLE = {Participant.Status.QUEUED}
RESUMABLE = {Participant.Status.PAUSED}
WITHDRAWABLE = {
    Participant.Status.INVITED,
    Participant.Status.PENDING,
    Participant.Status.QUEUED,
    Participant.Status.PAUSED,
    Participant.Status.UNAVAILABLE,
}


# Not waiting while in these: the time is kept in paused_at / paused_days.
AWAY = {Participant.Status.PAUSED, Participant.Status.UNAVAILABLE}
# Nobody in these may be proposed: their open proposals are removed.
NOT_MATCHABLE = AWAY | {Participant.Status.WITHDRAWN}


def _set_status(
    participant: Participant, status: str, allowed: set, action: str, **fields
):
    """Change the status under a row lock (re-checked inside it). Leaving for a
    pause starts the pause clock; coming back adds the whole days to paused_days.
    Whoever can no longer be matched loses their open proposals (deleted: they are
    drafts, which the next run would replace anyway)."""
    from matching.matches.review import proposals_remove

    with transaction.atomic():
        current = Participant.objects.select_for_update().get(pk=participant.pk)
        if current.status not in allowed:
            participant.status = current.status
            raise ApplicationError(
                NOT_NOW.format(action=action, status=current.get_status_display())
            )
        now = timezone.now()
        participant.paused_at, participant.paused_days = (
            current.paused_at,
            current.paused_days,
        )
        if status in AWAY and current.status not in AWAY:
            participant.paused_at = now
        elif status not in AWAY and current.status in AWAY:
            if current.paused_at is not None:
                participant.paused_days += max((now - current.paused_at).days, 0)
            participant.paused_at = None
        participant.status = status
        participant.status_changed_at = now
        for name, value in fields.items():
            setattr(participant, name, value)
        participant.save()
        if status in NOT_MATCHABLE:
            proposals_remove(participant=participant)
    return participant


def participant_pause(*, participant: Participant) -> Participant:
    return _set_status(participant, Participant.Status.PAUSED, PAUSABLE, "pausa")


def participant_resume(*, participant: Participant) -> Participant:
    # Back in the queue at the place they had: queued_at is kept.
    return _set_status(participant, Participant.Status.QUEUED, RESUMABLE, "återuppta")


def participant_withdraw(*, participant: Participant) -> Participant:
    return _set_status(
        participant, Participant.Status.WITHDRAWN, WITHDRAWABLE, "avsluta"
    )


def participant_answers_update(
    *, participant: Participant, answers: dict
) -> Participant:
    if not isinstance(answers, dict):
        raise ApplicationError("Svaren kunde inte läsas.")
    cleaned = {}
    for question in participant.program.questions.all():
        if question.asked_of(participant.side_key):
            answer = answer_clean(question, answers.get(question.key))
            if answer is not None:
                cleaned[question.key] = answer
    participant.answers = cleaned
    participant.save(update_fields=["answers", "updated_at"])
    return participant


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def partner_name(partner: Participant) -> str:
    """Partners are shown by first name only (or as erased)."""
    if partner.status == Participant.Status.ERASED:
        return ERASED_NAME
    return partner.first_name


def participant_export(*, participant: Participant) -> dict:
    """Everything stored about the participant, to download (GDPR art. 15 and 20).

    Every table that holds the person's id has a section here, each row with its
    id (tests/matching/test_export.py checks this against the models). Partners
    appear by first name only. Staff notes and the referrer's note are included:
    they are personal data about the person, and the admin says so where they
    are written.
    """

    from matching.models import EventRsvp, ForbiddenPair, Match

    program = participant.program
    matches = (
        Match.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant)
        )
        .select_related("participant_a", "participant_b", "session")
        .prefetch_related("meetings")
        .order_by("created_at", "pk")
    )
    referral = Referral.objects.filter(participant=participant).first()
    forbidden = ForbiddenPair.objects.filter(
        Q(participant_a=participant) | Q(participant_b=participant)
    ).select_related("participant_a", "participant_b")
    return {
        "id": participant.pk,
        "program": program.name,
        "side": participant.side_key,
        "status": participant.status,
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "email": participant.email,
        "phone": str(participant.phone) if participant.phone else "",
        "gender": participant.gender,
        "birth_date": _iso(participant.birth_date),
        "municipality": participant.municipality,
        "arrived_in_sweden_year": participant.arrived_in_sweden_year,
        "answers": participant.answers,
        "language": participant.language,
        "channels": {
            "email": not participant.email_opt_out,
            "sms": not participant.sms_opt_out,
        },
        "consent": {
            "text": participant.consent_text,
            "given_at": _iso(participant.consent_given_at),
        },
        "registered_at": _iso(participant.created_at),
        "confirmed_at": _iso(participant.confirmed_at),
        "queued_at": _iso(participant.queued_at),
        "status_changed_at": _iso(participant.status_changed_at),
        "unavailable_reason": participant.unavailable_reason,
        "matches": [
            {
                "id": match.pk,
                "partner": partner_name(match.partner_of(participant)),
                "status": match.status,
                "session": match.session.title if match.session_id else None,
                "created_at": _iso(match.created_at),
                "published_at": _iso(match.published_at),
                "confirmed_at": _iso(
                    getattr(match, f"{match.side_of(participant)}_confirmed_at")
                ),
                "kickoff_at": _iso(match.kickoff_at),
                "ended_at": _iso(match.ended_at),
                "end_reason": match.end_reason,
                "explanation": match.explanation,
                "meetings": [
                    {
                        "id": meeting.pk,
                        "happened_on": _iso(meeting.happened_on),
                        "note": meeting.note,
                        "logged_by": (
                            "me"
                            if meeting.logged_by == match.side_of(participant)
                            else meeting.logged_by
                            if meeting.logged_by == "staff"
                            else "partner"
                        ),
                    }
                    for meeting in match.meetings.all()
                ],
            }
            for match in matches
        ],
        "followups": [
            {
                "id": followup.pk,
                "match": followup.match_id,
                "kind": followup.kind,
                "rating": followup.rating,
                "outcome": followup.outcome,
                "comment": followup.comment,
                "created_at": _iso(followup.created_at),
            }
            for followup in participant.followups.order_by("created_at", "pk")
        ],
        "rsvps": [
            {
                "id": rsvp.pk,
                "event": rsvp.event.title,
                "starts_at": _iso(rsvp.event.starts_at),
                "answer": rsvp.answer,
                "updated_at": _iso(rsvp.updated_at),
            }
            for rsvp in EventRsvp.objects.filter(participant=participant)
            .select_related("event")
            .order_by("event__starts_at", "pk")
        ],
        "referral": (
            {
                "id": referral.pk,
                "organisation": referral.organisation,
                "note": referral.note,
                "created_at": _iso(referral.created_at),
            }
            if referral is not None
            else None
        ),
        "staff_notes": [
            {"id": note.pk, "body": note.body, "created_at": _iso(note.created_at)}
            for note in participant.staff_notes.order_by("created_at", "pk")
        ],
        "not_to_be_matched_with": [
            {
                "id": pair.pk,
                "partner": partner_name(
                    pair.participant_b
                    if pair.participant_a_id == participant.pk
                    else pair.participant_a
                ),
                "reason": pair.reason,
                "created_at": _iso(pair.created_at),
            }
            for pair in forbidden
        ],
        "links": [
            {
                "id": token.pk,
                "purpose": token.purpose,
                "created_at": _iso(token.created_at),
                "expires_at": _iso(token.expires_at),
                "used_at": _iso(token.used_at),
            }
            for token in participant.tokens.order_by("created_at", "pk")
        ],
        "messages": [
            {
                "id": message.pk,
                "channel": message.channel,
                "kind": message.template_key,
                "to": message.to,
                "subject": message.subject,
                "body": message.body,
                "status": message.status,
                "created_at": _iso(message.created_at),
                "sent_at": _iso(message.sent_at),
            }
            for message in participant.messages.order_by("created_at", "pk")
        ],
        # When staff opened the person's data, and where; which staff member is
        # the employer's record (the tenant's admins read it), not the person's.
        "opened_by_staff": [
            {
                "id": entry.pk,
                "at": _iso(entry.at),
                "view": entry.get_view_display(),
            }
            for entry in participant.access_log_entries.order_by("at", "pk")
        ],
    }


ERASED_END_REASON = "Deltagaren har raderat sina uppgifter"
ERASE_TWICE = "Uppgifterna är redan raderade."


def _redact(text: str, needles: list[str]) -> str:
    """`text` with each needle (a name, an address, a number) replaced where it
    stands as a whole word."""
    import re

    for needle in needles:
        text = re.sub(
            rf"(?<!\w){re.escape(needle)}(?!\w)",
            f"[{ERASED_NAME}]",
            text,
            flags=re.IGNORECASE,
        )
    return text


def participant_erase(*, participant: Participant) -> Participant:
    """Erase the participant's personal data (GDPR art. 17), keeping what others
    own and the anonymous facts that counts rest on.

    The row stays, anonymised, with status `erased`, so that the partner's match,
    its meetings and the program's counts survive. Kept: program, side, the
    registration and confirmation times, the erasure time, and ids that others'
    rows point at. Blanked: names, e-mail, phone, gender, birth date,
    municipality, year of arrival, answers, language, consent text and time,
    reasons. Removed: one-time links, staff notes, RSVPs (a freed place goes to
    the first on the waiting list). Blanked in place: the person's outbox rows
    (address, subject, body; unsent ones are skipped), the referral's note, their
    follow-up comments and the meeting notes they wrote, the match explanations
    (they quote the person's answers), reasons for never pairing them again, and
    their name and contact details in messages to their partners.

    Open matches end with ERASED_END_REASON; a partner who has no other open match
    goes back to the queue at their old place. Open proposals are rejected.
    """

    from matching.models import FollowUp, ForbiddenPair, Match, Meeting, Message

    now = timezone.now()
    mine = Q(participant_a=participant) | Q(participant_b=participant)
    with transaction.atomic():
        # Lock the person and their partners in one order (by id), so that two
        # partners erasing themselves at the same moment wait, not deadlock.
        partner_ids = set()
        for a_id, b_id in Match.objects.filter(mine).values_list(
            "participant_a_id", "participant_b_id"
        ):
            partner_ids.update({a_id, b_id})
        locked = {
            person.pk: person
            for person in Participant.objects.select_for_update()
            .filter(pk__in=partner_ids | {participant.pk})
            .order_by("pk")
        }
        participant = locked[participant.pk]
        if participant.status == Participant.Status.ERASED:
            raise ApplicationError(ERASE_TWICE)
        needles = [
            value
            for value in (
                participant.email,
                str(participant.phone) if participant.phone else "",
                participant.phone.as_national if participant.phone else "",
                f"{participant.first_name} {participant.last_name}".strip(),
                participant.first_name,
            )
            if value and len(value) >= 2
        ]
        matches = list(
            Match.objects.select_for_update()
            .filter(mine)
            .select_related("participant_a", "participant_b")
        )
        partners = {match.partner_of(participant) for match in matches}
        for match in matches:
            side = match.side_of(participant)
            if match.status == Match.Status.PROPOSED:
                match.status = Match.Status.REJECTED
            elif match.status in Match.OPEN_STATUSES:
                match.status = Match.Status.ENDED
                match.ended_at = now
                match.end_reason = ERASED_END_REASON
            match.explanation = ""
            match.save(
                update_fields=["status", "ended_at", "end_reason", "explanation"]
            )
            Meeting.objects.filter(match=match, logged_by=side).update(note="")
        for partner in partners:
            _partner_after_erasure(partner, now)
        ForbiddenPair.objects.filter(mine).update(reason="")
        FollowUp.objects.filter(participant=participant).update(comment="")
        Referral.objects.filter(participant=participant).update(note="")
        participant.tokens.all().delete()
        participant.staff_notes.all().delete()
        _rsvps_remove(participant)
        participant.messages.filter(
            status__in=[Message.Status.QUEUED, Message.Status.SENDING]
        ).update(status=Message.Status.SKIPPED, claimed_until=None)
        participant.messages.update(to="", subject="", body="")
        for message in Message.objects.filter(participant__in=partners):
            subject = _redact(message.subject, needles)
            body = _redact(message.body, needles)
            if (subject, body) != (message.subject, message.body):
                Message.objects.filter(pk=message.pk).update(subject=subject, body=body)
        for field in (
            "first_name",
            "last_name",
            "email",
            "phone",
            "gender",
            "municipality",
            "consent_text",
            "unavailable_reason",
            "language",
        ):
            setattr(participant, field, "")
        participant.answers = {}
        participant.birth_date = None
        participant.arrived_in_sweden_year = None
        participant.consent_given_at = None
        participant.queued_at = None
        participant.email_opt_out = True
        participant.sms_opt_out = True
        participant.status = Participant.Status.ERASED
        participant.status_changed_at = now
        participant.erased_at = now
        participant.save()
    return participant


def _partner_after_erasure(partner: Participant, now) -> None:
    """A matched partner left with no open match goes back to the queue, at the
    place they had: losing a partner to an erasure is not their doing."""

    from matching.models import Match

    partner = Participant.objects.select_for_update().get(pk=partner.pk)
    if partner.status != Participant.Status.MATCHED:
        return
    still_open = Match.objects.filter(
        Q(participant_a=partner) | Q(participant_b=partner),
        status__in=Match.OPEN_STATUSES,
    ).exists()
    if still_open:
        return
    partner.status = Participant.Status.QUEUED
    partner.queued_at = partner.queued_at or now
    partner.status_changed_at = now
    partner.save(
        update_fields=["status", "queued_at", "status_changed_at", "updated_at"]
    )


def _rsvps_remove(participant: Participant) -> None:
    """Say no for the person to upcoming events (so the waiting list moves up),
    then remove every answer of theirs."""
    from matching.events.services import event_rsvp
    from matching.models import EventRsvp

    upcoming_yes = EventRsvp.objects.filter(
        participant=participant,
        answer=EventRsvp.Answer.YES,
        event__starts_at__gt=timezone.now(),
    ).select_related("event")
    for rsvp in upcoming_yes:
        event_rsvp(event=rsvp.event, participant=participant, attending=False)
    EventRsvp.objects.filter(participant=participant).delete()


def participant_mark_unavailable(
    *, participant: Participant, reason: str, by
) -> Participant:
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise ApplicationError(REASON_REQUIRED, {"field": "reason"})
    with transaction.atomic():
        _set_status(
            participant,
            Participant.Status.UNAVAILABLE,
            {
                Participant.Status.QUEUED,
                Participant.Status.PAUSED,
                Participant.Status.PENDING,
            },
            "markera som otillgänglig",
            unavailable_reason=reason,
        )
        StaffNote.objects.create(
            participant=participant, author=by, body=f"Otillgänglig: {reason}"
        )
    return participant


def participant_return_to_queue(*, participant: Participant, by) -> Participant:
    with transaction.atomic():
        _set_status(
            participant,
            Participant.Status.QUEUED,
            {
                Participant.Status.UNAVAILABLE,
                Participant.Status.PAUSED,
                Participant.Status.MATCHED,
            },
            "sätta tillbaka i kön",
            unavailable_reason="",
            queued_at=participant.queued_at or timezone.now(),
        )
        StaffNote.objects.create(
            participant=participant, author=by, body="Tillbaka i kön."
        )
    return participant


def staff_note_add(*, participant: Participant, body: str, author) -> StaffNote:
    if participant.status == Participant.Status.ERASED:
        raise ApplicationError(NOTE_ON_ERASED)
    body = (body or "").strip()
    if not body or len(body) > 5000:
        raise ApplicationError(NOTE_REQUIRED, {"field": "body"})
    return StaffNote.objects.create(participant=participant, author=author, body=body)


INVITE_SUBJECT = "Du är inbjuden till {program}"
INVITE_BODY = (
    "Hej {first_name}!\n\n{organisation} har föreslagit att du deltar i {program}. "
    "Vill du vara med? Fyll i resten av anmälan här:\n\n{link}\n\n"
    "Länken gäller i 30 dagar."
)


def referral_create(
    *,
    referrer,
    program: Program,
    side_key: str,
    first_name: str,
    last_name: str = "",
    email: str,
    organisation: str = "",
    note: str = "",
    base_url: str,
) -> Referral:
    """A partner refers a person: they get an invitation to complete and confirm."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from matching.participants.registration import EMAIL_INVALID, FIELD_REQUIRED

    first_name = (first_name or "").strip()
    email = (email or "").strip()
    if not first_name or len(first_name) > 80:
        raise ApplicationError(
            FIELD_REQUIRED.format(label="förnamn"), {"field": "first_name"}
        )
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(EMAIL_INVALID, {"field": "email"}) from None
    if side_key not in {side.key for side in program.sides.all()}:
        raise ApplicationError("Välj en sida i programmet.", {"field": "side_key"})
    if Participant.objects.filter(program=program, email__iexact=email).exists():
        raise ApplicationError(
            ALREADY_REGISTERED.format(email=email, program=program.name)
        )
    with transaction.atomic():
        participant = Participant.objects.create(
            program=program,
            side_key=side_key,
            status=Participant.Status.INVITED,
            first_name=first_name,
            last_name=(last_name or "").strip()[:80],
            email=email,
            status_changed_at=timezone.now(),
        )
        referral = Referral.objects.create(
            participant=participant,
            referrer=referrer,
            organisation=organisation[:200],
            note=note[:5000],
        )
        token = participant_token_issue(
            participant=participant, purpose=ParticipantToken.Purpose.INVITE
        )
        message_queue(
            channel="email",
            to=email,
            subject=INVITE_SUBJECT.format(program=program.name),
            body=INVITE_BODY.format(
                first_name=first_name,
                organisation=organisation or "En av programmets partner",
                program=program.name,
                link=f"{base_url}/deltagare/inbjudan/{token}/",
            ),
            participant=participant,
            template_key="referral_invite",
        )
    return referral


def participant_channels_set(
    *, participant: Participant, email: bool, sms: bool
) -> Participant:
    """Which channels the participant wants messages on (opt-out per channel)."""
    participant.email_opt_out = not email
    participant.sms_opt_out = not sms
    participant.save(update_fields=["email_opt_out", "sms_opt_out", "updated_at"])
    return participant
