"""What a participant does with their match on their own page: confirm it, log a
meeting, answer a follow-up."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from matching.matches.lifecycle import followup_answer, match_confirm, meeting_log
from matching.matches.outcomes import (
    end_followup_pending,
    six_month_answer,
    six_month_followup_pending,
)
from matching.matches.selectors import match_for_participant
from matching.models import FollowUp, Participant
from matching.pages import refused_page
from matching.participants.session import participant_required


@require_POST
@participant_required
def participant_match_view(
    request: HttpRequest, participant: Participant, action: str
) -> HttpResponse:
    """Confirm the match, log a meeting or answer a follow-up."""
    match = match_for_participant(participant)
    if match is None:
        return refused_page(request, _("You have no match at the moment."), status=404)
    try:
        if action == "bekrafta":
            match_confirm(match=match, participant=participant)
        elif action == "traff":
            meeting_log(
                match=match,
                participant=participant,
                happened_on=request.POST.get("happened_on", ""),
                note=request.POST.get("note", ""),
            )
        elif action == "uppfoljning":
            followup_answer(
                match=match,
                participant=participant,
                kind=request.POST.get("kind", ""),
                rating=request.POST.get("rating"),
                outcome=request.POST.get("outcome", ""),
                comment=request.POST.get("comment", ""),
            )
        else:
            return refused_page(request, _("Unknown action."), status=404)
    except ApplicationError as error:
        return refused_page(request, error.message, status=400)
    return redirect("matching:participant-home")


def _pending_answered(request, match, answer) -> HttpResponse:
    """`answer(match)` for the question pending on `match`; nothing pending (a
    second click) goes back to the page: the first answer stands."""
    if match is not None:
        try:
            answer(match)
        except ApplicationError as error:
            return refused_page(request, error.message, status=400)
    return redirect("matching:participant-home")


@require_POST
@participant_required
def participant_outcome_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    """The answer six months after a match ended."""
    return _pending_answered(
        request,
        six_month_followup_pending(participant),
        lambda match: six_month_answer(
            match=match,
            participant=participant,
            outcome=request.POST.get("outcome", ""),
            comment=request.POST.get("comment", ""),
        ),
    )


@require_POST
@participant_required
def participant_end_followup_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    """The answer at the end of a match that has ended."""
    return _pending_answered(
        request,
        end_followup_pending(participant),
        lambda match: followup_answer(
            match=match,
            participant=participant,
            kind=FollowUp.Kind.END,
            rating=request.POST.get("rating"),
            outcome=request.POST.get("outcome", ""),
            comment=request.POST.get("comment", ""),
        ),
    )
