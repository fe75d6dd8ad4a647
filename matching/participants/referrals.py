"""A partner organisation refers a person, who gets an invitation to complete the
registration."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.models import Participant, ParticipantToken, Program, Referral
from matching.outbox.services import message_queue
from matching.participants.links import participant_link
from matching.participants.tokens import participant_token_issue
from matching.programs.texts import text_in

ALREADY_SUBJECT = _("You were suggested for {program}")
ALREADY_BODY = _(
    "Hi {first_name}!\n\n{organisation} has suggested that you take part in "
    "{program}. You are registered already, so there is nothing you need to do. "
    "To see how it goes for you, ask for a link to your page here:\n\n{link}"
)

INVITE_SUBJECT = _("You are invited to {program}")
INVITE_BODY = _(
    "Hi {first_name}!\n\n{organisation} has suggested that you take part in "
    "{program}. Would you like to join? Fill in the rest of the registration "
    "here:\n\n{link}\n\nThe link is valid for 30 days."
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
    language: str = "sv",
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
        raise ApplicationError(
            _("Choose a side in the program."), {"field": "side_key"}
        )
    registered = (
        Participant.objects.filter(program=program, email__iexact=email)
        .exclude(status=Participant.Status.ERASED)
        .first()
    )
    if registered is not None:
        return _referral_of_registered(
            referrer=referrer,
            participant=registered,
            first_name=first_name,
            organisation=organisation,
            note=note,
            base_url=base_url,
        )
    with transaction.atomic():
        participant = Participant.objects.create(
            program=program,
            side_key=side_key,
            status=Participant.Status.INVITED,
            first_name=first_name,
            last_name=(last_name or "").strip()[:80],
            email=email,
            language=language if language in dict(settings.LANGUAGES) else "sv",
            status_changed_at=timezone.now(),
        )
        referral = Referral.objects.create(
            participant=participant,
            referrer=referrer,
            first_name=first_name,
            organisation=organisation[:200],
            note=note[:5000],
        )
        token = participant_token_issue(
            participant=participant, purpose=ParticipantToken.Purpose.INVITE
        )
        with translation.override(participant.language):
            subject = INVITE_SUBJECT.format(program=text_in(program, "name"))
            body = INVITE_BODY.format(
                first_name=first_name,
                organisation=organisation or _("One of the program's partners"),
                program=text_in(program, "name"),
                link=participant_link(
                    participant, "matching:invite", base_url, token=token
                ),
            )
        message_queue(
            channel="email",
            to=email,
            subject=subject,
            body=body,
            participant=participant,
            template_key="referral_invite",
            secrets=[token],
        )
    return referral


def _referral_of_registered(
    *,
    referrer,
    participant: Participant,
    first_name: str,
    organisation: str,
    note: str,
    base_url: str,
) -> Referral:
    """Someone already registered is referred: the referrer gets the same answer
    as for anyone and learns nothing about them; the person is told by e-mail."""
    program = participant.program
    with transaction.atomic():
        referral = Referral.objects.create(
            participant=participant,
            referrer=referrer,
            already_registered=True,
            first_name=first_name,
            organisation=organisation[:200],
            note=note[:5000],
        )
        with translation.override(participant.language or "sv"):
            subject = ALREADY_SUBJECT.format(program=text_in(program, "name"))
            body = ALREADY_BODY.format(
                first_name=participant.first_name,
                organisation=organisation or _("One of the program's partners"),
                program=text_in(program, "name"),
                link=participant_link(participant, "matching:new-link", base_url),
            )
        message_queue(
            channel="email",
            to=participant.email,
            subject=subject,
            body=body,
            participant=participant,
            template_key="referral_already_registered",
        )
    return referral
