"""Network meetings, kickoffs and program sessions: RSVP with capacity, .ics files."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from config.errors import ApplicationError
from matching.models import Event, EventRsvp, Participant

EVENT_PAST = _("This event has already taken place.")
NOT_IN_PROGRAM = _("The event belongs to another program.")


def event_rsvp(*, event: Event, participant: Participant, attending: bool) -> EventRsvp:
    """Say yes or no; a yes beyond the capacity goes on the waiting list, and a no
    frees a place for the first on the list."""
    if event.program_id != participant.program_id:
        raise ApplicationError(NOT_IN_PROGRAM)
    if event.starts_at <= timezone.now():
        raise ApplicationError(EVENT_PAST)
    with transaction.atomic():
        Event.objects.select_for_update().get(
            pk=event.pk
        )  # one RSVP at a time per event
        coming = EventRsvp.objects.filter(event=event, answer=EventRsvp.Answer.YES)
        rsvp = EventRsvp.objects.filter(event=event, participant=participant).first()
        was_coming = rsvp is not None and rsvp.answer == EventRsvp.Answer.YES
        if attending:
            if was_coming:
                return rsvp
            full = event.capacity is not None and coming.count() >= event.capacity
            answer = EventRsvp.Answer.WAITLIST if full else EventRsvp.Answer.YES
        else:
            answer = EventRsvp.Answer.NO
        rsvp, _ = EventRsvp.objects.update_or_create(
            event=event, participant=participant, defaults={"answer": answer}
        )
        if was_coming and answer == EventRsvp.Answer.NO:
            first_waiting = (
                EventRsvp.objects.filter(event=event, answer=EventRsvp.Answer.WAITLIST)
                .order_by("updated_at", "pk")
                .first()
            )
            if first_waiting is not None:
                first_waiting.answer = EventRsvp.Answer.YES
                first_waiting.save(update_fields=["answer", "updated_at"])
    return rsvp


def event_ics(*, event: Event, host: str) -> bytes:
    """An .ics calendar file (RFC 5545) for one event."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kompis Platform//kompis//SV")
    calendar.add("version", "2.0")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{host}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", f"{event.title} – {event.program.name}")
    if event.location:
        entry.add("location", event.location)
    if event.description:
        entry.add("description", event.description)
    calendar.add_component(entry)
    return calendar.to_ical()


def event_reminders_send(*, base_url: str, days_before: int = 2) -> int:
    """Remind everyone who said yes, once, a couple of days before the event."""
    from datetime import timedelta

    from matching.participants.notify import participant_notify

    now = timezone.now()
    due = Event.objects.filter(
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=days_before),
    ).select_related("program")
    sent = 0
    for event in due:
        for rsvp in event.rsvps.filter(answer=EventRsvp.Answer.YES).select_related(
            "participant__program"
        ):
            participant_notify(
                participant=rsvp.participant,
                key="event_reminder",
                context={
                    "event": event.title,
                    "when": timezone.localtime(event.starts_at).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                    "where": event.location or "",
                    "ics": f"{base_url}/evenemang/{event.pk}.ics",
                },
                base_url=base_url,
            )
            sent += 1
        event.reminder_sent_at = now
        event.save(update_fields=["reminder_sent_at"])
    return sent
