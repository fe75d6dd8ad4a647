"""Event pages on a tenant's site: the calendar file of an event, and a
participant's answer whether they come."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from matching.events.services import event_ics, event_rsvp
from matching.models import Event, Participant
from matching.pages import refused_page
from matching.participants.session import participant_required


def event_ics_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """The calendar file of an event of this tenant (no personal data in it)."""
    event = get_object_or_404(Event.objects.select_related("program"), pk=event_id)
    response = HttpResponse(
        event_ics(event=event, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="evenemang-{event.pk}.ics"'
    return response


@require_POST
@participant_required
def participant_rsvp_view(
    request: HttpRequest, participant: Participant, event_id: int
) -> HttpResponse:
    event = get_object_or_404(Event, pk=event_id, program_id=participant.program_id)
    try:
        event_rsvp(
            event=event,
            participant=participant,
            attending=request.POST.get("answer") == "yes",
        )
    except ApplicationError as error:
        return refused_page(request, error.message, status=400)
    return redirect("matching:participant-home")
