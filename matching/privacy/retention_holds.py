"""A coordinator keeps a person past their retention date with a stated reason
(an open matter, a complaint being handled), and releases them when it is done.
The retention job reads the hold with the person's row locked, so a hold set at
the moment the job runs either wins or finds the person already anonymised."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.models import Participant

HOLD_REASON_NEEDED = _("Say why the person is kept (at most 300 characters).")
HOLD_ON_ERASED = _("This person's data has already been removed.")
NOT_HELD = _("This person is not held.")
HOLD_FIELDS = [
    "retention_hold_reason",
    "retention_held_at",
    "retention_held_by",
    "updated_at",
]


def _locked(participant: Participant) -> Participant:
    person = Participant.objects.select_for_update().get(pk=participant.pk)
    if person.status == Participant.Status.ERASED:
        raise ApplicationError(HOLD_ON_ERASED)
    return person


def retention_hold(*, participant: Participant, reason: str, user) -> Participant:
    """Hold the person (or change the reason of a hold)."""
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 300:
        raise ApplicationError(HOLD_REASON_NEEDED, {"field": "reason"})
    with transaction.atomic():
        person = _locked(participant)
        person.retention_hold_reason = reason
        person.retention_held_at = timezone.now()
        person.retention_held_by = user
        person.save(update_fields=HOLD_FIELDS)
    return person


def retention_release(*, participant: Participant) -> Participant:
    """End the hold: the person goes at the next run if their date has passed."""
    with transaction.atomic():
        person = _locked(participant)
        if not person.retention_hold_reason:
            raise ApplicationError(NOT_HELD)
        person.retention_hold_reason = ""
        person.retention_held_at = None
        person.retention_held_by = None
        person.save(update_fields=HOLD_FIELDS)
    return person
