"""Coordinators' screens for registrations: the list, a person's page with notes and
queue place, corrections, erasure, staff actions, and the access log."""

from django.contrib import messages
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from config.errors import ApplicationError
from matching.admin_common import LOGGED, SERVICE_MADE, WithoutFormsMixin
from matching.models import AccessLogEntry, Participant
from matching.participants.access_log import participant_access_log
from matching.participants.admin_forms import ParticipantAdminForm
from matching.participants.selectors import queue_position
from matching.participants.staff_notes import staff_note_add
from matching.participants.status import (
    participant_mark_unavailable,
    participant_return_to_queue,
)
from matching.privacy.erasure import participant_erase
from matching.programs.municipalities import municipality_name

ERASED_NOT_EDITABLE = _("This person's data has been erased and cannot be changed.")


def participant_side_name(participant: Participant) -> str:
    """The side as the program names it (adept, mentor), not its key."""
    side = next(
        (s for s in participant.program.sides.all() if s.key == participant.side_key),
        None,
    )
    return side.name_sv if side else participant.side_key


def participant_municipality_name(participant: Participant) -> str:
    return (
        municipality_name(participant.municipality) if participant.municipality else ""
    )


class ParticipantIndexView(IndexView):
    def get_base_queryset(self):
        # Erased people are not registrations any more; their partners' matches
        # still show them as "raderad deltagare".
        return (
            super()
            .get_base_queryset()
            .exclude(status=Participant.Status.ERASED)
            .select_related("program")
            .prefetch_related("program__sides")
        )

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

    success_message = _(
        "The person's data has been erased; the partner's matches remain."
    )

    def confirmation_message(self):
        return _(
            "Erase everything about the person? Name, contact details, answers, notes "
            "and messages are removed. A partner keeps the match, where the person is "
            "shown as “erased participant”."
        )

    def delete_action(self):
        participant_erase(participant=self.object)

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
    menu_label = gettext_lazy("Registrations")
    list_display = [
        "__str__",
        "program",
        Column("side_key", label=gettext_lazy("Side"), accessor=participant_side_name),
        "status",
        Column(
            "municipality",
            label=gettext_lazy("Municipality"),
            accessor=participant_municipality_name,
        ),
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
        return modelform_factory(
            Participant, form=ParticipantAdminForm, fields=self.form_fields
        )


@require_POST
@permission_required("matching.change_participant")
def participant_action_view(request, pk: int, action: str):
    participant = get_object_or_404(Participant, pk=pk)
    try:
        if action == "unavailable":
            participant_mark_unavailable(
                participant=participant,
                reason=request.POST.get("reason", ""),
                by=request.user,
            )
        elif action == "queue":
            participant_return_to_queue(participant=participant, by=request.user)
        elif action == "note":
            staff_note_add(
                participant=participant,
                body=request.POST.get("body", ""),
                author=request.user,
            )
        else:
            messages.error(request, _("Unknown action."))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Sparat.")
    return redirect(reverse("participants:inspect", args=[pk]))


class AccessLogViewSet(WithoutFormsMixin, ModelViewSet):
    """Who opened which participant's data: for the tenant's admins, read only."""

    model = AccessLogEntry
    refused_views = SERVICE_MADE
    icon = "history"
    menu_label = gettext_lazy("Access log")
    list_display = ["at", "username", "view", "participant_ref"]
    list_filter = ["view"]
    search_fields = ["username"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    list_per_page = 100


def participant_admin_urls():
    return [
        path(
            "matchning/deltagare/<int:pk>/<str:action>/",
            participant_action_view,
            name="matching_participant_action",
        ),
    ]
