"""Event pages on a tenant's site: the calendar file of an event."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from matching.events.services import event_ics
from matching.models import Event


def event_ics_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """The calendar file of an event of this tenant (no personal data in it)."""
    event = get_object_or_404(Event.objects.select_related("program"), pk=event_id)
    response = HttpResponse(
        event_ics(event=event, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="evenemang-{event.pk}.ics"'
    return response
