"""Keeping what the consent promises, the first part: registrations never
confirmed are deleted after UNCONFIRMED_REGISTRATION_DAYS, and one-time links that
are spent or past their time are deleted. Runs daily in every tenant
(matching.tasks.retention_all); what it removed is logged as counts per program
and day, never as names."""

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from matching.models import Message, Participant, ParticipantToken
from matching.privacy.models import RetentionLogEntry

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


def retention_run(*, now: datetime | None = None) -> int:
    """The daily run in the active tenant's schema; how many rows it removed."""
    now = now or timezone.now()
    return unconfirmed_registrations_delete(now=now) + one_time_links_delete(now=now)
