"""Reads of events."""

from django.utils import timezone

from matching.models import Event, Participant


def events_upcoming(*, participant: Participant):
    return Event.objects.filter(
        program_id=participant.program_id, starts_at__gt=timezone.now()
    ).order_by("starts_at")
