"""Coordinators' screens for matching: the review page (run, proposals, publish),
run progress, matches with their kickoff and end, and follow-up answers."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import make_aware
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.viewsets.model import ModelViewSet

from config.errors import ApplicationError
from config.request_urls import base_url
from matching.admin_common import (
    LOGGED,
    SERVICE_MADE,
    LoggedInspectView,
    WithoutFormsMixin,
)
from matching.matches.commitment import match_commitment
from matching.matches.lifecycle import match_end, match_kickoff_set
from matching.matches.outcomes import outcome_record
from matching.matches.review import (
    match_pair_by_hand,
    match_reject,
    match_swap,
    matches_publish,
)
from matching.matches.runs import match_run_session, match_run_start
from matching.matches.selectors import (
    commitment_counts,
    match_progress_text,
    matches_needing_checkin,
    participants_waiting,
    proposals_of_program,
)
from matching.models import Event, FollowUp, Match, MatchRun, Participant, Program
from matching.participants.selectors import queue_by_side

ALREADY_PUBLISHED = _(
    "No new matches were published: the proposals had been published already."
)


class MatchInspectView(LoggedInspectView):
    template_name = "matching/admin/match_inspect.html"
    logged_view = LOGGED.MATCH_INSPECT

    def people(self):
        return [self.object.participant_a, self.object.participant_b]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        commitment = match_commitment(self.object)
        context["commitment"] = commitment
        context["commitment_label"] = Match.Commitment(commitment.state).label
        context["progress"] = match_progress_text(self.object)
        context["followups"] = self.object.followups.select_related(
            "participant"
        ).order_by("created_at")
        context["outcome_kinds"] = [
            (kind.value, kind.label)
            for kind in (FollowUp.Kind.END, FollowUp.Kind.SIX_MONTHS)
        ]
        context["outcomes"] = FollowUp.Outcome.choices[1:]
        return context


class FollowUpInspectView(LoggedInspectView):
    logged_view = LOGGED.FOLLOWUP_INSPECT


class MatchViewSet(WithoutFormsMixin, ModelViewSet):
    """Made by runs and the review page, changed by kickoff and end (services)."""

    model = Match
    refused_views = SERVICE_MADE
    inspect_view_class = MatchInspectView
    icon = "link"
    menu_label = gettext_lazy("Matches")
    list_display = ["__str__", "program", "status", "score", "published_at"]
    list_filter = ["program", "status"]
    search_fields = ["participant_a__first_name", "participant_b__first_name"]
    form_fields = []
    copy_view_enabled = False
    inspect_view_enabled = True


class FollowUpViewSet(WithoutFormsMixin, ModelViewSet):
    """Follow-up answers: how pairs are doing, and outcomes such as work or studies.
    Read only: the participants give them."""

    model = FollowUp
    refused_views = SERVICE_MADE
    inspect_view_class = FollowUpInspectView
    icon = "clipboard-list"
    menu_label = gettext_lazy("Follow-ups")
    list_display = ["created_at", "match", "participant", "kind", "rating", "outcome"]
    list_filter = ["kind", "outcome", "rating"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


@permission_required("matching.change_participant")
def matching_review_view(request, program_id: int):
    """Run matching, follow its progress, review proposals and publish them."""
    program = get_object_or_404(Program, pk=program_id)
    return render(
        request,
        "matching/admin/review.html",
        {
            "program": program,
            "run": MatchRun.objects.filter(program=program).first(),
            "proposals": proposals_of_program(program=program),
            "waiting_a": participants_waiting(program=program).filter(side_key="a"),
            "waiting_b": participants_waiting(program=program).filter(side_key="b"),
            "queue_sides": queue_by_side(program=program),
            "checkins": matches_needing_checkin(program=program),
            "commitment": commitment_counts(program=program)
            if program.commitment_meetings and program.commitment_months
            else None,
            "objectives": MatchRun.Objective.choices,
            "sessions": program.events.filter(kind=Event.Kind.SESSION),
        },
    )


@require_POST
@permission_required("matching.change_participant")
def matching_action_view(request, program_id: int, action: str):
    program = get_object_or_404(Program, pk=program_id)
    back = redirect(reverse("matching_review", args=[program.pk]))
    try:
        if action == "run":
            match_run_start(
                program=program,
                session=match_run_session(
                    program=program, session_id=request.POST.get("session")
                ),
                by=request.user,
                objective=request.POST.get("objective", "max_score"),
                min_score=request.POST.get("min_score") or 0,
            )
            messages.success(
                request, _("The matching is running. The page shows how it goes.")
            )
        elif action == "reject":
            match_reject(
                match=get_object_or_404(
                    Match, pk=request.POST.get("match"), program=program
                )
            )
        elif action == "swap":
            first, second = (
                get_object_or_404(Match, pk=pk, program=program)
                for pk in request.POST.getlist("match")[:2]
            )
            match_swap(first=first, second=second)
        elif action == "pair":
            match_pair_by_hand(
                program=program,
                participant_a=get_object_or_404(
                    Participant, pk=request.POST.get("a"), program=program
                ),
                participant_b=get_object_or_404(
                    Participant, pk=request.POST.get("b"), program=program
                ),
            )
        elif action == "publish":
            result = matches_publish(program=program, base_url=base_url(request))
            if result.published:
                messages.success(
                    request,
                    _(
                        "{count} matches published; both people get an e-mail and "
                        "a text message."
                    ).format(count=result.published),
                )
            else:
                messages.info(request, ALREADY_PUBLISHED)
            for _match_id, refusal in result.refused:
                messages.warning(request, refusal)
        else:
            messages.error(request, _("Unknown action."))
    except (ApplicationError, ValueError) as error:
        refused = (getattr(error, "extra", None) or {}).get("refused")
        for message in refused or [
            getattr(error, "message", _("Choose two proposals to swap between."))
        ]:
            messages.error(request, message)
    return back


@require_POST
@permission_required("matching.change_participant")
def match_kickoff_view(request, match_id: int):
    match = get_object_or_404(Match, pk=match_id)
    try:
        when = parse_datetime(request.POST.get("when", "") or "")
    except ValueError:  # well formed but no such date, e.g. month 13
        when = None
    if when is not None and when.tzinfo is None:
        when = make_aware(when)
    try:
        match_kickoff_set(
            match=match,
            when=when,
            where=request.POST.get("where", ""),
            base_url=base_url(request),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The kickoff meeting is booked; both have been told.")
        )
    return redirect(reverse("matches:inspect", args=[match.pk]))


@require_POST
@permission_required("matching.change_participant")
def match_end_view(request, match_id: int):
    match = get_object_or_404(Match, pk=match_id)
    try:
        match_end(
            match=match,
            reason=request.POST.get("reason", ""),
            requeue_a=request.POST.get("requeue_a") == "on",
            requeue_b=request.POST.get("requeue_b") == "on",
            forbid_again=request.POST.get("forbid_again") == "on",
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The match has ended."))
    return redirect(reverse("matches:inspect", args=[match.pk]))


@require_POST
@permission_required("matching.change_participant")
def match_outcome_view(request, match_id: int):
    """A coordinator records the outcome a person told by phone."""
    match = get_object_or_404(Match, pk=match_id)
    people = {"a": match.participant_a, "b": match.participant_b}
    try:
        outcome_record(
            match=match,
            participant=people.get(request.POST.get("side")) or Participant(pk=None),
            kind=request.POST.get("kind", ""),
            outcome=request.POST.get("outcome", ""),
            by=request.user,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The outcome is recorded."))
    return redirect(reverse("matches:inspect", args=[match.pk]))


@permission_required("matching.view_participant")
def matching_run_status_view(request, run_id: int):
    """Progress of a run, polled by the review page."""
    run = get_object_or_404(MatchRun, pk=run_id)
    return JsonResponse(
        {
            "status": run.status,
            "progress": run.progress,
            "text": run.progress_text,
            "error": run.error,
        }
    )


def match_admin_urls():
    return [
        path(
            "matchning/program/<int:program_id>/",
            matching_review_view,
            name="matching_review",
        ),
        path(
            "matchning/program/<int:program_id>/<str:action>/",
            matching_action_view,
            name="matching_action",
        ),
        path(
            "matchning/korning/<int:run_id>/",
            matching_run_status_view,
            name="matching_run_status",
        ),
        path(
            "matchning/matchning/<int:match_id>/avsluta/",
            match_end_view,
            name="matching_end",
        ),
        path(
            "matchning/matchning/<int:match_id>/resultat/",
            match_outcome_view,
            name="matching_outcome",
        ),
        path(
            "matchning/matchning/<int:match_id>/startmote/",
            match_kickoff_view,
            name="matching_kickoff",
        ),
    ]
