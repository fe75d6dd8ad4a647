"""The record of processing (GDPR art. 30) of a tenant, generated from its
programs: the same purpose, recipients and retention the consent shows each
participant (matching.participants.registration.consent_text_for reads the same
fields), the categories of people (the sides) and of data (the profile and each
question, sensitive ones marked), the processor and the security measures.
The tenant's data protection officer downloads it for the DPIA (issue 15)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from matching.models import Program

PROFILE_DATA = (
    _("Name"),
    _("E-mail address"),
    _("Mobile number (optional)"),
    _("Gender"),
    _("Date of birth"),
    _("Municipality of residence"),
    _("Year of arrival in Sweden (where the program asks)"),
    _("Language chosen for messages"),
    _("Consent given: its text and time"),
    _("Matches, meetings, follow-ups and event sign-ups"),
)
SECURITY_MEASURES = (
    _("Each organisation's data in a database schema of its own"),
    _(
        "Staff see personal data only in the roles that need it; every opening "
        "of a participant's data is logged"
    ),
    _(
        "Two-step sign-in for staff who see personal data; sign-ins locked after "
        "failed tries"
    ),
    _("Encrypted connections (TLS, HSTS) and a strict content security policy"),
    _("One-time links stored only as hashes, API tokens hashed and expiring"),
    _("Participants can download and erase their data themselves"),
    _(
        "Daily backups; registrations never confirmed are deleted after a set "
        "time; people are anonymised when their retention period has passed"
    ),
)


@dataclass(frozen=True)
class ProgramRecord:
    name: str
    purpose: str
    recipients: str
    people: list[str]
    questions: list[tuple[str, bool]]
    retention_months: int
    retention_decision: str
    retention_decision_date: date | None


def processing_record() -> dict:
    """The record for the active tenant's schema."""
    programs = Program.objects.prefetch_related("sides", "questions").order_by("name")
    return {
        "programs": [
            ProgramRecord(
                name=program.name,
                purpose=program.consent_purpose,
                recipients=program.consent_recipients,
                people=[side.name_sv for side in program.sides.all()],
                questions=[
                    (question.label_sv, question.sensitive)
                    for question in program.questions.all()
                ],
                retention_months=program.retention_months,
                retention_decision=program.retention_decision,
                retention_decision_date=program.retention_decision_date,
            )
            for program in programs
        ],
        "profile_data": PROFILE_DATA,
        "security_measures": SECURITY_MEASURES,
        "processor": settings.PLATFORM_OPERATOR_NAME,
        "unconfirmed_days": settings.UNCONFIRMED_REGISTRATION_DAYS,
    }
