"""A partner organisation refers a person, who gets an invitation to complete the
registration."""

from django.db import transaction
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import Participant, ParticipantToken, Program, Referral
from matching.outbox.services import message_queue
from matching.participants.tokens import participant_token_issue

ALREADY_REGISTERED = "{email} är redan anmäld till {program}."

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
