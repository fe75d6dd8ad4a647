"""Coordinators' notes about a person (personal data: exported and erased with them)."""

from config.errors import ApplicationError
from matching.models import Participant, StaffNote

NOTE_REQUIRED = "Skriv en anteckning (högst 5000 tecken)."
NOTE_ON_ERASED = "Personen har raderat sina uppgifter; inga nya anteckningar."


def staff_note_add(*, participant: Participant, body: str, author) -> StaffNote:
    if participant.status == Participant.Status.ERASED:
        raise ApplicationError(NOTE_ON_ERASED)
    body = (body or "").strip()
    if not body or len(body) > 5000:
        raise ApplicationError(NOTE_REQUIRED, {"field": "body"})
    return StaffNote.objects.create(participant=participant, author=author, body=body)
