"""Events in the Wagtail admin: coordinators add and edit them, and see who said
they are coming. matching/wagtail_hooks.py registers the viewset."""

from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSet

from matching.admin_common import LOGGED, LoggedInspectView
from matching.models import Event


class EventInspectView(LoggedInspectView):
    """An event with who said they are coming (coordinators only: names)."""

    template_name = "matching/admin/event_inspect.html"
    logged_view = LOGGED.EVENT_RSVPS

    def people(self):
        return [rsvp.participant for rsvp in self.rsvps if rsvp.participant]

    def get_context_data(self, **kwargs):
        self.rsvps = list(
            self.object.rsvps.select_related("participant").order_by(
                "answer", "participant__first_name"
            )
        )
        context = super().get_context_data(**kwargs)
        context["rsvps"] = self.rsvps
        return context


class EventViewSet(ModelViewSet):
    model = Event
    inspect_view_enabled = True
    inspect_view_class = EventInspectView
    icon = "date"
    menu_label = gettext_lazy("Events")
    list_display = ["title", "program", "kind", "starts_at", "capacity"]
    list_filter = ["program", "kind"]
    form_fields = [
        "program",
        "kind",
        "title",
        "theme",
        "description",
        "starts_at",
        "ends_at",
        "location",
        "capacity",
        "attended",
    ]
    copy_view_enabled = False
