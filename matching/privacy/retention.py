"""Keeping what the consent promises: people whose retention has passed are
anonymised (matching.privacy.retention_due says who, erasure does it), registrations
never confirmed are deleted after UNCONFIRMED_REGISTRATION_DAYS, and one-time links
that are spent or past their time are deleted. Runs daily in every tenant
(matching.tasks.retention_all); what it removed is logged as counts per program
and day, never as names."""

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import Message, Participant, ParticipantToken
from matching.privacy.erasure import participant_erase
from matching.privacy.models import RetentionLogEntry
from matching.privacy.retention_due import (
    participants_with_retention,
    retention_overdue,
)

NEVER_CONFIRMED = (Participant.Status.PENDING, Participant.Status.INVITED)


def _log(*, counts: Counter, kind: str, day) -> None:
    for program_id, count in counts.items():
        entry, _created = RetentionLogEntry.objects.get_or_create(
            program_id=program_id, day=day, kind=kind
        )
        RetentionLogEntry.objects.filter(pk=entry.pk).update(count=F("count") + count)


def unconfirmed_registrations_delete(*, now: datetime) -> int:
    """Delete registrations (and invitations of referred people) never confirmed
    within UNCONFIRMED_REGISTRATION_DAYS, with their outbox rows, links and
    referral. Rows another worker holds are left for the next run."""
    cutoff = now - timedelta(days=settings.UNCONFIRMED_REGISTRATION_DAYS)
    with transaction.atomic():
        stale = list(
            Participant.objects.select_for_update(skip_locked=True)
            .filter(status__in=NEVER_CONFIRMED, created_at__lt=cutoff)
            .values_list("pk", "program_id")
        )
        if not stale:
            return 0
        ids = [pk for pk, _program in stale]
        Message.objects.filter(participant_id__in=ids).delete()
        Participant.objects.filter(pk__in=ids).delete()
        _log(
            counts=Counter(program for _pk, program in stale),
            kind=RetentionLogEntry.Kind.UNCONFIRMED_DELETED,
            day=timezone.localdate(now),
        )
    return len(stale)


def one_time_links_delete(*, now: datetime) -> int:
    """Delete participants' one-time links past their time (spent ones too, once
    expired: until then a second click is told the link is used), and staff API
    tokens past their expiry."""
    from knox.models import AuthToken

    with transaction.atomic():
        done = ParticipantToken.objects.filter(expires_at__lt=now)
        counts = Counter(done.values_list("participant__program_id", flat=True))
        removed = done.delete()[0]
        AuthToken.objects.filter(expiry__lt=now).delete()
        _log(
            counts=counts,
            kind=RetentionLogEntry.Kind.LINKS_EXPIRED,
            day=timezone.localdate(now),
        )
    return removed


def expired_participants_anonymise(*, now: datetime) -> int:
    """Anonymise everyone whose retention has passed and whom nobody holds, one
    person per transaction. Due-ness and the hold are read again with the row
    locked, so a hold set at the same moment wins, and two runs anonymise once."""

    def still_due(person: Participant) -> bool:
        return (
            not person.retention_hold_reason
            and participants_with_retention()
            .filter(pk=person.pk, retention_due_at__lte=now)
            .exists()
        )

    counts = Counter()
    for person in retention_overdue(now=now).only("pk", "program_id"):
        try:
            done = participant_erase(
                participant=person,
                because=Participant.ErasedBecause.RETENTION,
                only_if=still_due,
            )
        except ApplicationError:  # another run erased them a moment ago
            continue
        if done is not None:
            counts[person.program_id] += 1
    with transaction.atomic():
        _log(
            counts=counts,
            kind=RetentionLogEntry.Kind.ANONYMISED,
            day=timezone.localdate(now),
        )
    return sum(counts.values())


def retention_run(*, now: datetime | None = None) -> int:
    """The daily run in the active tenant's schema; how many people and rows it
    anonymised or removed."""
    now = now or timezone.now()
    return (
        expired_participants_anonymise(now=now)
        + unconfirmed_registrations_delete(now=now)
        + one_time_links_delete(now=now)
    )
