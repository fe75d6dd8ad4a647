"""Coordinators' notes about a person (personal data: exported and erased with them)."""

from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.models import Participant, StaffNote

NOTE_REQUIRED = _("Write a note (at most 5000 characters).")
NOTE_ON_ERASED = _("The person has erased their data; no new notes.")


def staff_note_add(*, participant: Participant, body: str, author) -> StaffNote:
    if participant.status == Participant.Status.ERASED:
        raise ApplicationError(NOTE_ON_ERASED)
    body = (body or "").strip()
    if not body or len(body) > 5000:
        raise ApplicationError(NOTE_REQUIRED, {"field": "body"})
    return StaffNote.objects.create(participant=participant, author=author, body=body)
