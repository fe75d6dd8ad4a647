"""Pieces every sub-package's Wagtail admin shares: the permission policy of rows
only services make, viewsets without generic forms, and inspect views that log
each person shown."""

from django.contrib.auth import get_user_model
from wagtail.admin.views.generic import InspectView
from wagtail.permission_policies import ModelPermissionPolicy

from matching.models import AccessLogEntry
from matching.participants.access_log import participant_access_log

LOGGED = AccessLogEntry.View
READ_ONLY = frozenset({"add", "change", "delete"})
SERVICE_MADE = frozenset({"add", "edit", "delete"})


class ServicesOnlyPolicy(ModelPermissionPolicy):
    """Refuses `refused` actions to everyone, superusers too: those rows are made
    and changed by the services (with their checks, messages and audit), never by
    a generic admin form."""

    def __init__(self, model, *, refused: frozenset[str]):
        super().__init__(model)
        self.refused = refused

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


class WithoutFormsMixin:
    """Leaves out the URLs of the generic views in `refused_views` (404 there); the
    policy above hides their buttons. Such viewsets set `form_fields = []` only
    because Wagtail builds every view before the URLs are picked."""

    refused_views: frozenset[str] = frozenset()

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in self.refused_views
        ]


class LoggedInspectView(InspectView):
    """An inspect view of a row about people: each person shown is logged."""

    logged_view = ""

    def people(self):
        return [self.object.participant]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = [person for person in self.people() if person is not None]
        if people:
            participant_access_log(
                user=self.request.user, view=self.logged_view, participants=people
            )
        return context
