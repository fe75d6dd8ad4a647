"""Coordinators' screens in the tenant's Wagtail admin: programs and registrations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from matching.models import Participant, Program
from matching.program_templates import TEMPLATES
from matching.services import participants as participant_services
from matching.services.programs import (
    program_create_from_template,
)
from tenants.errors import ApplicationError


class ProgramIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program_templates"] = [
            (key, data["name"]) for key, data in TEMPLATES.items()
        ]
        return context


class ProgramViewSet(ModelViewSet):
    model = Program
    index_view_class = ProgramIndexView
    index_template_name = "matching/admin/program_index.html"
    icon = "list-ul"
    menu_label = "Program"
    list_display = ["name", "slug", "status", "per_session", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name", "summary"]
    copy_view_enabled = False
    inspect_view_enabled = True


class ParticipantInspectView(InspectView):
    template_name = "matching/admin/participant_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notes"] = self.object.staff_notes.select_related("author")
        context["position"] = participant_services.queue_position(self.object)
        return context


class ParticipantViewSet(ModelViewSet):
    model = Participant
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


class MatchingGroup(ViewSetGroup):
    menu_label = "Matchning"
    menu_icon = "group"
    items = (ProgramViewSet("programs"), ParticipantViewSet("participants"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MatchingGroup()


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


@require_POST
@permission_required("matching.add_program")
def program_from_template_view(request):
    key = request.POST.get("template", "")
    try:
        program = program_create_from_template(template_key=key)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(reverse("programs:index"))
    messages.success(
        request, f"{program.name} skapades som utkast. Granska och öppna det."
    )
    return redirect(reverse("programs:edit", args=[program.pk]))


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "matchning/deltagare/<int:pk>/<str:action>/",
            participant_action_view,
            name="matching_participant_action",
        ),
        path(
            "matchning/program/fran-mall/",
            program_from_template_view,
            name="matching_program_from_template",
        ),
    ]
