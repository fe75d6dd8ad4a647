"""Registration: validation, eligibility, storage, double opt-in by e-mail."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import to_python as phone_parse

from config.errors import ApplicationError
from matching.models import Participant, ParticipantToken, Program, Question
from matching.outbox.services import message_queue
from matching.participants.links import participant_link
from matching.participants.report_facts import (
    registration_tally_add,
    report_facts_record,
)
from matching.participants.tokens import (
    participant_token_issue,
    participant_token_redeem,
)
from matching.programs.eligibility import (
    WRONG_MUNICIPALITY,
    Applicant,
    eligibility_problems,
    municipalities_listed,
)
from matching.programs.municipalities import MUNICIPALITIES, municipalities_offered
from matching.programs.texts import text_in
from matching.programs.translations import registration_languages

PROGRAM_CLOSED = _("Registration for {program} is not open at the moment.")
SIDE_UNKNOWN = _("Choose which side you want to register as.")
FIELD_REQUIRED = _("Fill in {label}.")
FIELD_TOO_LONG = _("{label} may be at most {limit} characters.")
EMAIL_INVALID = _("Write a valid e-mail address, e.g. name@example.se.")
PHONE_INVALID = _("Write a valid mobile number, e.g. 070-123 45 67.")
DATE_INVALID = _("Write the date as YYYY-MM-DD.")
BIRTH_DATE_RANGE = _("Check the date of birth.")
GENDER_INVALID = _("Choose one of the options for gender.")
MUNICIPALITY_INVALID = _("Choose a municipality from the list.")
YEAR_INVALID = _("Write the year you came to Sweden, e.g. 2019.")
ANSWER_INVALID = _("The answer to “{label}” is not one of the options.")
NUMBER_INVALID = _("The answer to “{label}” must be a number.")
AGES_INVALID = _(
    "Write the children's ages as numbers from 0 to 17, separated by commas."
)
CONSENT_REQUIRED = _("You need to accept how we handle your data to register.")
LANGUAGE_INVALID = _("Choose a language from the list.")

CONFIRM_SUBJECT = _("Confirm your registration for {program}")
CONFIRM_BODY = _(
    "Hi {first_name}!\n\nThank you for registering for {program} as {side}. "
    "Confirm your e-mail address by opening the link below. "
    "Only then does your registration count.\n\n"
    "{link}\n\nDid you not register? Then you can ignore this message."
)
ALREADY_SUBJECT = _("You are already registered for {program}")
ALREADY_BODY = _(
    "Hi {first_name}!\n\nSomeone (hopefully you) tried to register this "
    "e-mail address for {program} again. You are already registered. Here you can "
    "see and change your registration:\n\n{link}"
)
LINK_SUBJECT = _("Your link to {program}")
LINK_BODY = _(
    "Hi {first_name}!\n\nHere is your link to see your registration:\n\n{link}"
)
CONSENT_RECORD = _(
    "Purpose: {purpose}\nWho sees the data: {recipients}\n"
    "How long: {months} months after the program."
)

TEXT_LIMIT = 2000
NAME_LIMIT = 80


@dataclass
class RegistrationResult:
    participant: Participant
    created: bool


def _text(
    data: dict, key: str, label: str, *, required: bool, limit: int = NAME_LIMIT
) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ApplicationError(FIELD_REQUIRED.format(label=label), {"field": key})
    value = value.strip()
    if required and not value:
        raise ApplicationError(FIELD_REQUIRED.format(label=label), {"field": key})
    if len(value) > limit:
        raise ApplicationError(
            FIELD_TOO_LONG.format(label=label, limit=limit), {"field": key}
        )
    return value


def _date(value, key: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ApplicationError(DATE_INVALID, {"field": key})
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ApplicationError(DATE_INVALID, {"field": key}) from None


def answer_clean(question: Question, value):
    """The cleaned answer to one question, or an ApplicationError naming it."""
    label = text_in(question, "label")
    field = f"answers.{question.key}"
    empty = value in (None, "", [])
    if empty:
        if question.required:
            raise ApplicationError(FIELD_REQUIRED.format(label=label), {"field": field})
        return None
    choices = {choice["value"] for choice in question.choices}
    kind = question.kind
    if kind == Question.Kind.SINGLE_CHOICE:
        if not isinstance(value, str) or value not in choices:
            raise ApplicationError(ANSWER_INVALID.format(label=label), {"field": field})
        return value
    if kind == Question.Kind.MULTIPLE_CHOICE:
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and v in choices for v in values):
            raise ApplicationError(ANSWER_INVALID.format(label=label), {"field": field})
        return sorted(set(values))
    if kind == Question.Kind.NUMBER:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ApplicationError(
                NUMBER_INVALID.format(label=label), {"field": field}
            ) from None
        if number != number or abs(number) > 1e9:
            raise ApplicationError(NUMBER_INVALID.format(label=label), {"field": field})
        return number
    if kind == Question.Kind.DATE:
        return _date(value, field).isoformat()
    if kind == Question.Kind.MUNICIPALITY:
        if value not in MUNICIPALITIES:
            raise ApplicationError(MUNICIPALITY_INVALID, {"field": field})
        return value
    if kind == Question.Kind.CHILDREN_AGES:
        parts = (
            value
            if isinstance(value, list)
            else str(value).replace(";", ",").split(",")
        )
        try:
            ages = sorted(int(str(part).strip()) for part in parts if str(part).strip())
        except ValueError:
            raise ApplicationError(AGES_INVALID, {"field": field}) from None
        if not ages or len(ages) > 15 or not all(0 <= age <= 17 for age in ages):
            raise ApplicationError(AGES_INVALID, {"field": field})
        return ages
    if kind == Question.Kind.LANGUAGES:
        parts = value if isinstance(value, list) else str(value).split(",")
        languages = sorted({str(p).strip().lower() for p in parts if str(p).strip()})
        if (
            not languages
            or len(languages) > 20
            or any(len(lang) > 40 for lang in languages)
        ):
            raise ApplicationError(FIELD_REQUIRED.format(label=label), {"field": field})
        return languages
    text = value if isinstance(value, str) else None
    if text is None or len(text) > TEXT_LIMIT:
        raise ApplicationError(
            FIELD_TOO_LONG.format(label=label, limit=TEXT_LIMIT), {"field": field}
        )
    return text.strip()


def registration_clean(
    *, program: Program, side_key: str, data: dict, today: date, language: str = "sv"
) -> dict:
    """Validated participant fields from raw input (form, API or a hand-made POST)."""
    if not isinstance(data, dict):
        raise ApplicationError(FIELD_REQUIRED.format(label=_("the form")))
    side = next((s for s in program.sides.all() if s.key == side_key), None)
    if side is None:
        raise ApplicationError(SIDE_UNKNOWN, {"field": "side"})
    cleaned = {
        "first_name": _text(data, "first_name", _("first name"), required=True),
        "last_name": _text(data, "last_name", _("last name"), required=False),
    }
    email = _text(data, "email", _("e-mail"), required=True, limit=254)
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(EMAIL_INVALID, {"field": "email"}) from None
    cleaned["email"] = email
    raw_phone = _text(data, "phone", _("mobile number"), required=False, limit=40)
    if raw_phone:
        phone = phone_parse(raw_phone, region="SE")
        if phone is None or not phone.is_valid():
            raise ApplicationError(PHONE_INVALID, {"field": "phone"})
        cleaned["phone"] = phone
    gender = data.get("gender") or ""
    if gender not in Participant.Gender.values:
        raise ApplicationError(GENDER_INVALID, {"field": "gender"})
    cleaned["gender"] = gender
    birth_date = _date(data.get("birth_date"), "birth_date")
    if birth_date is None:
        raise ApplicationError(
            FIELD_REQUIRED.format(label=_("date of birth")), {"field": "birth_date"}
        )
    if not (date(today.year - 110, 1, 1) <= birth_date <= today):
        raise ApplicationError(BIRTH_DATE_RANGE, {"field": "birth_date"})
    cleaned["birth_date"] = birth_date
    municipality = data.get("municipality") or ""
    if municipality not in MUNICIPALITIES:
        raise ApplicationError(MUNICIPALITY_INVALID, {"field": "municipality"})
    if municipality not in municipalities_offered(program):
        raise ApplicationError(
            WRONG_MUNICIPALITY.format(
                program=text_in(program, "name"),
                municipalities=municipalities_listed(program.municipalities),
            ),
            {"field": "municipality"},
        )
    cleaned["municipality"] = municipality
    arrived = data.get("arrived_in_sweden_year")
    if arrived in (None, ""):
        cleaned["arrived_in_sweden_year"] = None
    else:
        try:
            year = int(arrived)
        except (TypeError, ValueError):
            raise ApplicationError(
                YEAR_INVALID, {"field": "arrived_in_sweden_year"}
            ) from None
        if not (birth_date.year <= year <= today.year):
            raise ApplicationError(YEAR_INVALID, {"field": "arrived_in_sweden_year"})
        cleaned["arrived_in_sweden_year"] = year
    raw_answers = data.get("answers") or {}
    if not isinstance(raw_answers, dict):
        raise ApplicationError(
            FIELD_REQUIRED.format(label=_("the answers")), {"field": "answers"}
        )
    answers = {}
    for question in program.questions.all():
        if question.asked_of(side_key):
            answer = answer_clean(question, raw_answers.get(question.key))
            if answer is not None:
                answers[question.key] = answer
    cleaned["answers"] = answers
    chosen = data.get("language") or language
    if chosen not in registration_languages(program, page_language=language):
        raise ApplicationError(LANGUAGE_INVALID, {"field": "language"})
    cleaned["language"] = chosen
    if data.get("consent") not in (True, "true", "on", "1", 1):
        raise ApplicationError(CONSENT_REQUIRED, {"field": "consent"})
    problems = eligibility_problems(
        side=side,
        program_name=text_in(program, "name"),
        applicant=Applicant(
            gender=gender,
            birth_date=birth_date,
            municipality=municipality,
            arrived_in_sweden_year=cleaned["arrived_in_sweden_year"],
            answers=answers,
        ),
        question_labels={q.key: text_in(q, "label") for q in program.questions.all()},
        today=today,
    )
    if problems:
        raise ApplicationError(
            problems[0], {"field": "eligibility", "problems": problems}
        )
    cleaned["side"] = side
    return cleaned


def consent_text_for(program: Program) -> str:
    """The consent the person gave, as it was shown to them (in their language)."""
    return CONSENT_RECORD.format(
        purpose=text_in(program, "consent_purpose"),
        recipients=text_in(program, "consent_recipients"),
        months=program.retention_months,
    )


def registration_submit(
    *, program: Program, side_key: str, data: dict, base_url: str, language: str = "sv"
) -> RegistrationResult:
    """Register someone, or, when the e-mail is already registered for the program,
    send them a link to what they have instead of creating a duplicate.

    The caller shows the same "check your e-mail" page either way, so the form
    does not tell a stranger who is registered.
    """
    if program.status != Program.Status.OPEN:
        raise ApplicationError(PROGRAM_CLOSED.format(program=text_in(program, "name")))
    cleaned = registration_clean(
        program=program,
        side_key=side_key,
        data=data,
        today=timezone.localdate(),
        language=language,
    )
    language = cleaned["language"]
    side = cleaned.pop("side")
    existing = Participant.objects.filter(
        program=program, email__iexact=cleaned["email"]
    ).first()
    if existing is not None and existing.status != Participant.Status.INVITED:
        _send_manage_link(existing, base_url=base_url, already=True)
        return RegistrationResult(participant=existing, created=False)
    now = timezone.now()
    try:
        with transaction.atomic():
            if existing is not None:  # a referred person completing their registration
                participant = existing
                for field, value in cleaned.items():
                    setattr(participant, field, value)
                participant.side_key = side.key
                participant.status = Participant.Status.PENDING
            else:
                participant = Participant(program=program, side_key=side.key, **cleaned)
            with translation.override(language):
                participant.consent_text = consent_text_for(program)
            participant.consent_given_at = now
            # What the consent promised; a shorter rule later needs an admin's word.
            participant.retention_months = program.retention_months
            participant.status_changed_at = now
            participant.full_clean(exclude=["phone"])
            participant.save()
            registration_tally_add(
                program_id=program.pk, side_key=side.key, on=timezone.localdate(now)
            )
            token = participant_token_issue(
                participant=participant, purpose=ParticipantToken.Purpose.CONFIRM
            )
            with translation.override(language):
                subject = CONFIRM_SUBJECT.format(program=text_in(program, "name"))
                body = CONFIRM_BODY.format(
                    first_name=participant.first_name,
                    program=text_in(program, "name"),
                    side=text_in(side, "name").lower(),
                    link=participant_link(
                        participant, "matching:confirm", base_url, token=token
                    ),
                )
            message_queue(
                channel="email",
                to=participant.email,
                subject=subject,
                body=body,
                participant=participant,
                template_key="registration_confirm",
                secrets=[token],
            )
    except IntegrityError:
        # The same e-mail submitted twice at once: the first one won.
        existing = Participant.objects.get(
            program=program, email__iexact=cleaned["email"]
        )
        return RegistrationResult(participant=existing, created=False)
    return RegistrationResult(participant=participant, created=existing is None)


def _send_manage_link(
    participant: Participant, *, base_url: str, already: bool = False
) -> None:
    token = participant_token_issue(
        participant=participant, purpose=ParticipantToken.Purpose.MANAGE
    )
    link = participant_link(participant, "matching:open", base_url, token=token)
    with translation.override(participant.language):
        subject = (ALREADY_SUBJECT if already else LINK_SUBJECT).format(
            program=text_in(participant.program, "name")
        )
        body = (ALREADY_BODY if already else LINK_BODY).format(
            first_name=participant.first_name,
            program=text_in(participant.program, "name"),
            link=link,
        )
    message_queue(
        channel="email",
        to=participant.email,
        subject=subject,
        body=body,
        participant=participant,
        template_key="manage_link",
        secrets=[token],
    )


def registration_confirm(*, token: str) -> Participant:
    """Double opt-in: the e-mail link makes the registration count (joins the queue)."""
    participant = participant_token_redeem(
        token=token, purpose=ParticipantToken.Purpose.CONFIRM
    )
    if participant.status == Participant.Status.PENDING:
        now = timezone.now()
        participant.status = Participant.Status.QUEUED
        participant.confirmed_at = now
        participant.queued_at = now
        participant.status_changed_at = now
        participant.save(
            update_fields=[
                "status",
                "confirmed_at",
                "queued_at",
                "status_changed_at",
                "updated_at",
            ]
        )
        report_facts_record(participant)
    return participant


def manage_link_request(*, program: Program, email: str, base_url: str) -> None:
    """Send a fresh self-service link if the address is registered; silent otherwise."""
    participant = Participant.objects.filter(
        program=program, email__iexact=(email or "").strip()
    ).first()
    if participant is not None and participant.status != Participant.Status.INVITED:
        _send_manage_link(participant, base_url=base_url)
