"""Coordinators' screens in the tenant's Wagtail admin: programs and registrations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from config.errors import ApplicationError
from matching.admin_common import (
    LOGGED,
    READ_ONLY,
    SERVICE_MADE,
    LoggedInspectView,
    ServicesOnlyPolicy,
    WithoutFormsMixin,
)
from matching.events.admin import EventViewSet
from matching.models import (
    AccessLogEntry,
    Event,
    FollowUp,
    Match,
    Participant,
    Program,
)
from matching.outbox.admin import MessageViewSet, outbox_admin_urls
from matching.participants.access_log import participant_access_log
from matching.participants.admin_forms import ParticipantAdminForm
from matching.participants.selectors import queue_position
from matching.programs.admin import ProgramViewSet, program_admin_urls
from matching.services import participants as participant_services

ALREADY_PUBLISHED = (
    "Inga nya matchningar publicerades: förslagen hade redan publicerats."
)
ERASED_NOT_EDITABLE = "Den här personens uppgifter är raderade och kan inte ändras."


# Registered before the viewsets below, which then find them.
for _model, _refused in (
    (Match, READ_ONLY),
    (FollowUp, READ_ONLY),
    (AccessLogEntry, READ_ONLY),
    # Registrations come through the registration and referral services; staff
    # may correct contact details, and "delete" erases through the service.
    (Participant, frozenset({"add"})),
):
    register_permission_policy(
        _model, ServicesOnlyPolicy(_model, refused=_refused), exact_class=True
    )


class ParticipantIndexView(IndexView):
    def get_base_queryset(self):
        # Erased people are not registrations any more; their partners' matches
        # still show them as "raderad deltagare".
        return super().get_base_queryset().exclude(status=Participant.Status.ERASED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant_access_log(user=self.request.user, view=LOGGED.PARTICIPANT_LIST)
        return context


class ParticipantInspectView(InspectView):
    template_name = "matching/admin/participant_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notes"] = self.object.staff_notes.select_related("author")
        context["position"] = queue_position(self.object)
        participant_access_log(
            user=self.request.user,
            view=LOGGED.PARTICIPANT_INSPECT,
            participants=[self.object],
        )
        return context


class ParticipantEraseView(DeleteView):
    """ "Delete" in the admin erases (anonymises) the person, as self-service does:
    a row others' matches point at is never deleted."""

    success_message = (
        "Personens uppgifter är raderade; partnerns matchningar finns kvar."
    )

    def confirmation_message(self):
        return (
            "Radera allt om personen? Namn, kontaktuppgifter, svar, anteckningar och "
            "meddelanden tas bort. En partner behåller matchningen, där personen "
            "visas som ”raderad deltagare”."
        )

    def delete_action(self):
        participant_services.participant_erase(participant=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ApplicationError as error:
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())


class ParticipantEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        participant = get_object_or_404(Participant, pk=kwargs.get("pk"))
        if participant.status == Participant.Status.ERASED:
            messages.error(request, ERASED_NOT_EDITABLE)
            return redirect(reverse("participants:index"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        participant_access_log(
            user=request.user, view=LOGGED.PARTICIPANT_EDIT, participants=[self.object]
        )
        return response


class ParticipantViewSet(WithoutFormsMixin, ModelViewSet):
    model = Participant
    # Registrations come through the registration and referral services; "delete"
    # is the erasure service (ParticipantEraseView).
    refused_views = frozenset({"add"})
    index_view_class = ParticipantIndexView
    edit_view_class = ParticipantEditView
    delete_view_class = ParticipantEraseView
    icon = "user"
    menu_label = "Anmälningar"
    list_display = [
        "__str__",
        "program",
        Column("side_key", label="Sida"),
        "status",
        "municipality",
        "queued_at",
    ]
    list_filter = ["program", "side_key", "status", "municipality"]
    search_fields = ["first_name", "last_name", "email"]
    inspect_view_enabled = True
    inspect_view_class = ParticipantInspectView
    copy_view_enabled = False
    form_fields = ["first_name", "last_name", "phone", "municipality"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        from django.forms import modelform_factory

        return modelform_factory(
            Participant, form=ParticipantAdminForm, fields=self.form_fields
        )


@require_POST
@permission_required("matching.change_participant")
def participant_action_view(request, pk: int, action: str):
    participant = get_object_or_404(Participant, pk=pk)
    try:
        if action == "unavailable":
            participant_services.participant_mark_unavailable(
                participant=participant,
                reason=request.POST.get("reason", ""),
                by=request.user,
            )
        elif action == "queue":
            participant_services.participant_return_to_queue(
                participant=participant, by=request.user
            )
        elif action == "note":
            participant_services.staff_note_add(
                participant=participant,
                body=request.POST.get("body", ""),
                author=request.user,
            )
        else:
            messages.error(request, "Okänd åtgärd.")
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Sparat.")
    return redirect(reverse("participants:inspect", args=[pk]))


@hooks.register("register_admin_urls")
def register_urls():
    return program_admin_urls() + [
        path(
            "matchning/deltagare/<int:pk>/<str:action>/",
            participant_action_view,
            name="matching_participant_action",
        ),
    ]


class MatchInspectView(LoggedInspectView):
    template_name = "matching/admin/match_inspect.html"
    logged_view = LOGGED.MATCH_INSPECT

    def people(self):
        return [self.object.participant_a, self.object.participant_b]

    def get_context_data(self, **kwargs):
        from matching.matches.commitment import match_commitment, match_progress_text

        context = super().get_context_data(**kwargs)
        commitment = match_commitment(self.object)
        context["commitment"] = commitment
        context["commitment_label"] = Match.Commitment(commitment.state).label
        context["progress"] = match_progress_text(self.object)
        return context


class FollowUpInspectView(LoggedInspectView):
    logged_view = LOGGED.FOLLOWUP_INSPECT


class MatchViewSet(WithoutFormsMixin, ModelViewSet):
    """Made by runs and the review page, changed by kickoff and end (services)."""

    model = Match
    refused_views = SERVICE_MADE
    inspect_view_class = MatchInspectView
    icon = "link"
    menu_label = "Matchningar"
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
    menu_label = "Uppföljningar"
    list_display = ["created_at", "match", "participant", "kind", "rating", "outcome"]
    list_filter = ["kind", "outcome", "rating"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


@permission_required("matching.change_participant")
def matching_review_view(request, program_id: int):
    """Run matching, follow its progress, review proposals and publish them."""
    from django.shortcuts import render

    from matching.matches.selectors import (
        matches_needing_checkin,
        participants_waiting,
        proposals_of_program,
    )
    from matching.models import MatchRun
    from matching.selectors import commitment_counts, queue_by_side

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
    from matching.matches.review import (
        match_pair_by_hand,
        match_reject,
        match_swap,
        matches_publish,
    )
    from matching.matches.runs import match_run_session, match_run_start
    from matching.views import base_url

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
            messages.success(request, "Matchningen körs. Sidan visar hur det går.")
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
                    f"{result.published} matchningar publicerade; båda parter får "
                    "e-post och sms.",
                )
            else:
                messages.info(request, ALREADY_PUBLISHED)
            for _match_id, refusal in result.refused:
                messages.warning(request, refusal)
        else:
            messages.error(request, "Okänd åtgärd.")
    except (ApplicationError, ValueError) as error:
        refused = (getattr(error, "extra", None) or {}).get("refused")
        for message in refused or [
            getattr(error, "message", "Välj två förslag att byta mellan.")
        ]:
            messages.error(request, message)
    return back


@require_POST
@permission_required("matching.change_participant")
def match_kickoff_view(request, match_id: int):
    from django.utils.dateparse import parse_datetime
    from django.utils.timezone import make_aware

    from matching.matches.lifecycle import match_kickoff_set
    from matching.views import base_url

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
        messages.success(request, "Startmötet är bokat; båda har fått besked.")
    return redirect(reverse("matches:inspect", args=[match.pk]))


@require_POST
@permission_required("matching.change_participant")
def match_end_view(request, match_id: int):
    from matching.matches.lifecycle import match_end

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
        messages.success(request, "Matchningen är avslutad.")
    return redirect(reverse("matches:inspect", args=[match.pk]))


@permission_required("matching.view_participant")
def matching_run_status_view(request, run_id: int):
    """Progress of a run, polled by the review page."""
    from django.http import JsonResponse

    from matching.models import MatchRun

    run = get_object_or_404(MatchRun, pk=run_id)
    return JsonResponse(
        {
            "status": run.status,
            "progress": run.progress,
            "text": run.progress_text,
            "error": run.error,
        }
    )


@hooks.register("register_admin_urls")
def register_review_urls():
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
            "matchning/matchning/<int:match_id>/startmote/",
            match_kickoff_view,
            name="matching_kickoff",
        ),
    ]


class AccessLogViewSet(WithoutFormsMixin, ModelViewSet):
    """Who opened which participant's data: for the tenant's admins, read only."""

    model = AccessLogEntry
    refused_views = SERVICE_MADE
    icon = "history"
    menu_label = "Åtkomstlogg"
    list_display = ["at", "username", "view", "participant_ref"]
    list_filter = ["view"]
    search_fields = ["username"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    list_per_page = 100


class MatchingGroup(ViewSetGroup):
    menu_label = "Matchning"
    menu_icon = "group"
    items = (
        ProgramViewSet("programs"),
        ParticipantViewSet("participants"),
        MatchViewSet("matches"),
        EventViewSet("events"),
        FollowUpViewSet("followups"),
        MessageViewSet("messages"),
        AccessLogViewSet("access_log"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MatchingGroup()


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return outbox_admin_urls()
