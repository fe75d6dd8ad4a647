"""A participant's status changes: pause, resume and withdraw (the person's own),
unavailable and back to the queue (staff). One locked change under all of them
keeps the pause clock and removes the open proposals of whoever cannot be matched."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.errors import ApplicationError
from matching.models import Match, Participant, StaffNote

NOT_NOW = _("You cannot {action} when the registration has the status “{status}”.")
REASON_REQUIRED = _("Write why (at most 200 characters).")

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


def proposals_remove(*, participant: Participant) -> int:
    """Delete the person's open proposals (they paused, withdrew or were marked
    unavailable); their would-be partners are free to be paired again. Call it
    inside the transaction that changes the person's status."""
    deleted, _ = Match.objects.filter(
        Q(participant_a=participant) | Q(participant_b=participant),
        status=Match.Status.PROPOSED,
    ).delete()
    return deleted


def participant_status_set(
    participant: Participant, status: str, allowed: set, action: str, **fields
):
    """Change the status under a row lock (re-checked inside it). Leaving for a
    pause starts the pause clock; coming back adds the whole days to paused_days.
    Whoever can no longer be matched loses their open proposals (deleted: they are
    drafts, which the next run would replace anyway)."""
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
    return participant_status_set(
        participant, Participant.Status.PAUSED, PAUSABLE, _("pause")
    )


def participant_resume(*, participant: Participant) -> Participant:
    # Back in the queue at the place they had: queued_at is kept.
    return participant_status_set(
        participant, Participant.Status.QUEUED, RESUMABLE, _("resume")
    )


def participant_withdraw(*, participant: Participant) -> Participant:
    return participant_status_set(
        participant, Participant.Status.WITHDRAWN, WITHDRAWABLE, _("end")
    )


def participant_mark_unavailable(
    *, participant: Participant, reason: str, by
) -> Participant:
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise ApplicationError(REASON_REQUIRED, {"field": "reason"})
    with transaction.atomic():
        participant_status_set(
            participant,
            Participant.Status.UNAVAILABLE,
            {
                Participant.Status.QUEUED,
                Participant.Status.PAUSED,
                Participant.Status.PENDING,
            },
            _("mark as unavailable"),
            unavailable_reason=reason,
        )
        StaffNote.objects.create(
            participant=participant, author=by, body=f"Otillgänglig: {reason}"
        )
    return participant


def participant_return_to_queue(*, participant: Participant, by) -> Participant:
    with transaction.atomic():
        participant_status_set(
            participant,
            Participant.Status.QUEUED,
            {
                Participant.Status.UNAVAILABLE,
                Participant.Status.PAUSED,
                Participant.Status.MATCHED,
            },
            _("put back in the queue"),
            unavailable_reason="",
            queued_at=participant.queued_at or timezone.now(),
        )
        StaffNote.objects.create(
            participant=participant, author=by, body="Tillbaka i kön."
        )
    return participant
