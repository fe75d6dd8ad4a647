"""Who the participant on a page is: a one-time link signs them in to this
browser's session, and self-service pages require it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from config.errors import ApplicationError
from matching.models import Participant
from matching.pages import refused_page

SESSION_KEY = "participant_id"
INVITE_KEY = "invited_participant_id"


def participant_signed_in(request: HttpRequest) -> Participant | None:
    participant_id = request.session.get(SESSION_KEY)
    if participant_id is None:
        return None
    # An erased person's other sessions open nothing.
    return (
        Participant.objects.select_related("program")
        .filter(pk=participant_id)
        .exclude(status=Participant.Status.ERASED)
        .first()
    )


def participant_required(view):
    """The view gets the signed-in participant after the request; without one the
    person is sent to ask for a new link."""

    def wrapped(request, *args, **kwargs):
        participant = participant_signed_in(request)
        if participant is None:
            return redirect("matching:new-link")
        return view(request, participant, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return never_cache(wrapped)


def participant_sign_in_with(request: HttpRequest, redeem) -> HttpResponse:
    """Spend a one-time link and open self-service for its participant."""
    try:
        participant = redeem()
    except ApplicationError as error:
        return refused_page(request, error.message)
    request.session.cycle_key()
    request.session[SESSION_KEY] = participant.pk
    return redirect("matching:participant-home")
