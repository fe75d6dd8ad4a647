"""A participant's own pages (self-service) and a referrer's referral page."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from config.ratelimits import form_rate_limited
from config.request_urls import base_url
from matching.events.selectors import events_upcoming
from matching.matches.outcomes import (
    end_followup_pending,
    six_month_followup_pending,
)
from matching.matches.selectors import (
    match_commitment_text,
    match_for_participant,
    match_progress_text,
    matches_of_participant,
)
from matching.models import EventRsvp, FollowUp, Match, Participant
from matching.pages import refused_page, too_many_page
from matching.participants.forms import (
    PARTICIPANT_STATUS_TEXTS,
    ReferralForm,
    RegistrationForm,
)
from matching.participants.referrals import referral_create
from matching.participants.selectors import queue_position, referrals_of
from matching.participants.self_service import (
    participant_answers_update,
    participant_channels_set,
)
from matching.participants.session import participant_required
from matching.participants.status import (
    participant_pause,
    participant_resume,
    participant_withdraw,
)
from matching.privacy.erasure import participant_erase
from matching.privacy.export import participant_export, partner_name


@participant_required
def participant_home_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:

    match = match_for_participant(participant)
    context_match = {}
    if match is not None:
        side = match.side_of(participant)
        partner = match.partner_of(participant)
        answered = set(
            FollowUp.objects.filter(match=match, participant=participant).values_list(
                "kind", flat=True
            )
        )
        followup_kind = None
        if match.final_followup_sent_at and "end" not in answered:
            followup_kind = "end"
        elif match.first_followup_sent_at and "first_month" not in answered:
            followup_kind = "first_month"
        context_match = {
            "match": match,
            "partner": partner,
            "confirmed": getattr(match, f"{side}_confirmed_at") is not None,
            "progress": match_progress_text(match),
            "commitment_text": match_commitment_text(match),
            "meetings": match.meetings.all(),
            "followup_kind": followup_kind,
            "outcomes": FollowUp.Outcome.choices[1:],
        }
    past_matches = [
        (past, partner_name(past.partner_of(participant)))
        for past in matches_of_participant(participant).filter(
            status=Match.Status.ENDED
        )
    ]
    rsvps = dict(
        EventRsvp.objects.filter(participant=participant).values_list(
            "event_id", "answer"
        )
    )
    events = [
        (event, rsvps.get(event.pk))
        for event in events_upcoming(participant=participant)
    ]
    return render(
        request,
        "matching/participant_home.html",
        {
            **context_match,
            "six_months_match": six_month_followup_pending(participant),
            "end_match": None if match else end_followup_pending(participant),
            "all_outcomes": FollowUp.Outcome.choices[1:],
            "past_matches": past_matches,
            "events": events,
            "today": timezone.localdate(),
            "participant": participant,
            "status_text": PARTICIPANT_STATUS_TEXTS.get(
                participant.status, participant.status
            ),
            "position": queue_position(participant),
            "side": participant.program.sides.filter(key=participant.side_key).first(),
        },
    )


@require_POST
@participant_required
def participant_action_view(
    request: HttpRequest, participant: Participant, action: str
) -> HttpResponse:
    if action == "kanaler":
        participant_channels_set(
            participant=participant,
            email=request.POST.get("email") == "on",
            sms=request.POST.get("sms") == "on",
        )
        return redirect("matching:participant-home")
    actions = {
        "pausa": participant_pause,
        "ateruppta": participant_resume,
        "avsluta": participant_withdraw,
    }
    if action not in actions:
        return refused_page(request, _("Unknown action."), status=404)
    try:
        actions[action](participant=participant)
    except ApplicationError as error:
        return refused_page(request, error.message, status=400)
    return redirect("matching:participant-home")


@participant_required
def participant_answers_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    program = participant.program
    initial = {f"q_{key}": value for key, value in participant.answers.items()}
    form = RegistrationForm(
        request.POST or None,
        initial=initial,
        program=program,
        side_key=participant.side_key,
    )
    status = 200
    if request.method == "POST":
        try:
            participant_answers_update(
                participant=participant,
                answers=form.service_data(request.POST)["answers"],
            )
        except ApplicationError as error:
            form.is_valid()
            form.add_service_error(error.extra.get("field", ""), error.message)
            status = 400
        else:
            return redirect("matching:participant-home")
    return render(
        request,
        "matching/participant_answers.html",
        {"form": form, "participant": participant},
        status=status,
    )


@participant_required
def participant_export_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    response = JsonResponse(
        participant_export(participant=participant),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


@participant_required
def participant_erase_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        participant_erase(participant=participant)
        request.session.flush()
        return render(request, "matching/erased.html")
    return render(
        request, "matching/participant_erase.html", {"participant": participant}
    )


@login_required(login_url="/admin/login/")
@permission_required("matching.add_referral", raise_exception=True)
def referral_view(request: HttpRequest) -> HttpResponse:
    if form_rate_limited(request, group="referral"):
        return too_many_page(request)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral_create(
                referrer=request.user,
                program=data["program"],
                side_key=data["side_key"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                organisation=data["organisation"],
                language=data.get("language") or "sv",
                note=data["note"],
                base_url=base_url(request),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("matching:referrals")
    return render(
        request,
        "matching/referrals.html",
        {
            "form": form,
            "referrals": referrals_of(referrer=request.user),
            "status_texts": PARTICIPANT_STATUS_TEXTS,
        },
        status=400 if form.errors else 200,
    )
