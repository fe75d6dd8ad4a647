"""Signing up and signing in on a tenant's site: the registration form, its
thanks page, the one-time links (confirm, open, invitation) and asking for a new
link."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from config.errors import ApplicationError
from config.ratelimits import form_rate_limited
from config.request_urls import base_url
from matching.models import Participant, ParticipantToken, Program
from matching.pages import refused_page, too_many_page
from matching.participants.forms import NewLinkForm, RegistrationForm
from matching.participants.registration import (
    manage_link_request,
    registration_confirm,
    registration_submit,
)
from matching.participants.session import INVITE_KEY, participant_sign_in_with
from matching.participants.tokens import participant_token_redeem


def program_for_signup(slug: str) -> Program:
    return get_object_or_404(
        Program.objects.prefetch_related("sides", "questions"),
        slug=slug,
        status__in=Program.PUBLIC_STATUSES,
    )


@never_cache
def registration_view(request: HttpRequest, slug: str) -> HttpResponse:
    program = program_for_signup(slug)
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
        return too_many_page(request)
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
    program = program_for_signup(slug)
    return render(request, "matching/registration_thanks.html", {"program": program})


@never_cache
def confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    return participant_sign_in_with(request, lambda: registration_confirm(token=token))


@never_cache
def open_view(request: HttpRequest, token: str) -> HttpResponse:
    return participant_sign_in_with(
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
        return refused_page(request, error.message)
    request.session[INVITE_KEY] = participant.pk
    url = reverse("matching:registration", kwargs={"slug": participant.program.slug})
    return redirect(f"{url}?side={participant.side_key}")


@never_cache
def new_link_view(request: HttpRequest) -> HttpResponse:
    programs = Program.objects.filter(status__in=Program.PUBLIC_STATUSES)
    if form_rate_limited(request, group="new-link"):
        return too_many_page(request)
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
