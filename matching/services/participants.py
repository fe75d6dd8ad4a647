"""What participants do with their registration, and what coordinators do with it."""

from datetime import timedelta

from django.db import transaction
from django.db.models import (
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Value,
)
from django.utils import timezone

from matching.models import Participant, ParticipantToken, Program, Referral, StaffNote
from matching.services.messages import message_queue
from matching.services.registration import _answer
from matching.services.tokens import participant_token_issue
from tenants.errors import ApplicationError

NOT_NOW = "Det går inte att {action} när anmälan har status ”{status}”."
REASON_REQUIRED = "Skriv varför (högst 200 tecken)."
NOTE_REQUIRED = "Skriv en anteckning (högst 5000 tecken)."
ALREADY_REGISTERED = "{email} är redan anmäld till {program}."

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


def _set_status(
    participant: Participant, status: str, allowed: set, action: str, **fields
):
    """Change the status under a row lock (re-checked inside it). Leaving for a
    pause starts the pause clock; coming back adds the whole days to paused_days.
    Whoever can no longer be matched loses their open proposals (deleted: they are
    drafts, which the next run would replace anyway)."""
    from matching.services.matches import proposals_remove

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
            answer = _answer(question, answers.get(question.key))
            if answer is not None:
                cleaned[question.key] = answer
    participant.answers = cleaned
    participant.save(update_fields=["answers", "updated_at"])
    return participant


def participant_export(*, participant: Participant) -> dict:
    """Everything stored about the participant, to download (GDPR art. 15 and 20)."""
    program = participant.program
    return {
        "program": program.name,
        "side": participant.side_key,
        "status": participant.status,
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "email": participant.email,
        "phone": str(participant.phone) if participant.phone else "",
        "gender": participant.gender,
        "birth_date": participant.birth_date.isoformat()
        if participant.birth_date
        else None,
        "municipality": participant.municipality,
        "arrived_in_sweden_year": participant.arrived_in_sweden_year,
        "answers": participant.answers,
        "language": participant.language,
        "consent": {
            "text": participant.consent_text,
            "given_at": participant.consent_given_at.isoformat()
            if participant.consent_given_at
            else None,
        },
        "registered_at": participant.created_at.isoformat(),
        "confirmed_at": participant.confirmed_at.isoformat()
        if participant.confirmed_at
        else None,
        "messages": [
            {
                "channel": m.channel,
                "subject": m.subject,
                "sent_at": m.sent_at.isoformat() if m.sent_at else None,
            }
            for m in participant.messages.all()
        ],
    }


def participant_erase(*, participant: Participant) -> None:
    """Erase the participant and everything about them (GDPR art. 17).

    Outbox rows keep no personal data: their address and text are blanked.
    """
    with transaction.atomic():
        participant.messages.update(to="", subject="", body="", participant=None)
        participant.delete()


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

    from matching.services.registration import EMAIL_INVALID, FIELD_REQUIRED

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
