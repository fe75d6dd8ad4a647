"""Participant pages on a tenant's site: register, confirm, self-service, referral."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from config.errors import ApplicationError
from config.ratelimits import form_rate_limited
from config.request_urls import base_url
from matching.forms import (
    PARTICIPANT_STATUS_SV,
    NewLinkForm,
    ReferralForm,
    RegistrationForm,
)
from matching.matches.selectors import matches_of_participant
from matching.models import Participant, ParticipantToken, Program
from matching.participants.erasure import participant_erase
from matching.participants.export import participant_export, partner_name
from matching.participants.referrals import referral_create
from matching.participants.registration import (
    manage_link_request,
    registration_confirm,
    registration_submit,
)
from matching.participants.selectors import queue_position, referrals_of
from matching.participants.self_service import (
    participant_answers_update,
    participant_channels_set,
)
from matching.participants.status import (
    participant_pause,
    participant_resume,
    participant_withdraw,
)
from matching.participants.tokens import participant_token_redeem

SESSION_KEY = "participant_id"
INVITE_KEY = "invited_participant_id"


TOO_MANY = (
    "Det har kommit för många försök från din adress. Vänta en stund och försök igen."
)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request, "matching/rate_limited.html", {"message": TOO_MANY}, status=429
    )


def _open_program(slug: str) -> Program:
    return get_object_or_404(
        Program.objects.prefetch_related("sides", "questions"),
        slug=slug,
        status__in=[Program.Status.OPEN, Program.Status.CLOSED],
    )


@never_cache
def registration_view(request: HttpRequest, slug: str) -> HttpResponse:
    program = _open_program(slug)
    sides = list(program.sides.all())
    side_key = request.POST.get("side") or request.GET.get("side") or ""
    side = next((s for s in sides if s.key == side_key), None)
    if side is None:
        return render(
            request,
            "matching/registration_sides.html",
            {"program": program, "sides": sides},
        )
    invited = None
    if request.session.get(INVITE_KEY):
        invited = Participant.objects.filter(
            pk=request.session[INVITE_KEY],
            program=program,
            status=Participant.Status.INVITED,
        ).first()
    initial = (
        {
            "first_name": invited.first_name,
            "last_name": invited.last_name,
            "email": invited.email,
        }
        if invited
        else {}
    )
    form = RegistrationForm(
        request.POST or None, initial=initial, program=program, side_key=side.key
    )
    status = 200
    if form_rate_limited(request, group="registration"):
        return _too_many(request)
    if request.method == "POST":
        try:
            registration_submit(
                program=program,
                side_key=side.key,
                data=form.service_data(request.POST),
                base_url=base_url(request),
                language=request.LANGUAGE_CODE or "sv",
            )
        except ApplicationError as error:
            form.is_valid()
            form.add_service_error(error.extra.get("field", ""), error.message)
            status = 400
        else:
            request.session.pop(INVITE_KEY, None)
            return redirect("matching:registration-thanks", slug=program.slug)
    return render(
        request,
        "matching/registration_form.html",
        {"program": program, "side": side, "form": form},
        status=status,
    )


def registration_thanks_view(request: HttpRequest, slug: str) -> HttpResponse:
    program = _open_program(slug)
    return render(request, "matching/registration_thanks.html", {"program": program})


def _token_failed(request, error: ApplicationError) -> HttpResponse:
    return render(
        request, "matching/link_failed.html", {"message": error.message}, status=400
    )


def _sign_in_with(request: HttpRequest, redeem) -> HttpResponse:
    """Spend a one-time link and open self-service for its participant."""
    try:
        participant = redeem()
    except ApplicationError as error:
        return _token_failed(request, error)
    request.session.cycle_key()
    request.session[SESSION_KEY] = participant.pk
    return redirect("matching:participant-home")


@never_cache
def confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    return _sign_in_with(request, lambda: registration_confirm(token=token))


@never_cache
def open_view(request: HttpRequest, token: str) -> HttpResponse:
    return _sign_in_with(
        request,
        lambda: participant_token_redeem(
            token=token, purpose=ParticipantToken.Purpose.MANAGE
        ),
    )


@never_cache
def invite_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        participant = participant_token_redeem(
            token=token, purpose=ParticipantToken.Purpose.INVITE
        )
    except ApplicationError as error:
        return _token_failed(request, error)
    request.session[INVITE_KEY] = participant.pk
    return redirect(f"/anmalan/{participant.program.slug}/?side={participant.side_key}")


def _participant(request: HttpRequest) -> Participant | None:
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


def _needs_participant(view):
    def wrapped(request, *args, **kwargs):
        participant = _participant(request)
        if participant is None:
            return redirect("matching:new-link")
        return view(request, participant, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return never_cache(wrapped)


@_needs_participant
def participant_home_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    from matching.events.selectors import events_upcoming
    from matching.matches.commitment import match_commitment_text, match_progress_text
    from matching.matches.selectors import match_for_participant
    from matching.models import EventRsvp, FollowUp, Match

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
            "past_matches": past_matches,
            "events": events,
            "today": timezone.localdate(),
            "participant": participant,
            "status_text": PARTICIPANT_STATUS_SV.get(
                participant.status, participant.status
            ),
            "position": queue_position(participant),
            "side": participant.program.sides.filter(key=participant.side_key).first(),
        },
    )


@require_POST
@_needs_participant
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
        return render(
            request,
            "matching/link_failed.html",
            {"message": "Okänd åtgärd."},
            status=404,
        )
    try:
        actions[action](participant=participant)
    except ApplicationError as error:
        return render(
            request, "matching/link_failed.html", {"message": error.message}, status=400
        )
    return redirect("matching:participant-home")


@_needs_participant
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


@_needs_participant
def participant_export_view(
    request: HttpRequest, participant: Participant
) -> HttpResponse:
    response = JsonResponse(
        participant_export(participant=participant),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


@_needs_participant
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


@never_cache
def new_link_view(request: HttpRequest) -> HttpResponse:
    programs = Program.objects.filter(
        status__in=[Program.Status.OPEN, Program.Status.CLOSED]
    )
    if form_rate_limited(request, group="new-link"):
        return _too_many(request)
    form = NewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for program in programs:
            manage_link_request(
                program=program,
                email=form.cleaned_data["email"],
                base_url=base_url(request),
            )
        return render(request, "matching/new_link_sent.html")
    return render(
        request,
        "matching/new_link.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required(login_url="/admin/login/")
@permission_required("matching.add_referral", raise_exception=True)
def referral_view(request: HttpRequest) -> HttpResponse:
    if form_rate_limited(request, group="referral"):
        return _too_many(request)
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
            "status_sv": PARTICIPANT_STATUS_SV,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@_needs_participant
def participant_match_view(
    request: HttpRequest, participant: Participant, action: str
) -> HttpResponse:
    """Confirm the match, log a meeting or answer a follow-up."""
    from matching.matches.lifecycle import followup_answer, match_confirm, meeting_log
    from matching.matches.selectors import match_for_participant

    match = match_for_participant(participant)
    if match is None:
        return render(
            request,
            "matching/link_failed.html",
            {"message": "Du har ingen matchning just nu."},
            status=404,
        )
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
            return render(
                request,
                "matching/link_failed.html",
                {"message": "Okänd åtgärd."},
                status=404,
            )
    except ApplicationError as error:
        return render(
            request, "matching/link_failed.html", {"message": error.message}, status=400
        )
    return redirect("matching:participant-home")


@require_POST
@_needs_participant
def participant_rsvp_view(
    request: HttpRequest, participant: Participant, event_id: int
) -> HttpResponse:
    from matching.events.services import event_rsvp
    from matching.models import Event

    event = get_object_or_404(Event, pk=event_id, program_id=participant.program_id)
    try:
        event_rsvp(
            event=event,
            participant=participant,
            attending=request.POST.get("answer") == "yes",
        )
    except ApplicationError as error:
        return render(
            request, "matching/link_failed.html", {"message": error.message}, status=400
        )
    return redirect("matching:participant-home")
