"""Who may call the matching API: staff by model permission, coordinators, and
the registration throttle per client address."""

from django.conf import settings
from rest_framework import permissions
from rest_framework.throttling import AnonRateThrottle

from config.client_address import client_address


class StaffPermission(permissions.DjangoModelPermissions):
    """Staff of this tenant with the model permission; GET needs view_ too."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
    }


class StaffChangePermission(StaffPermission):
    """For actions that change an existing row by POST."""

    perms_map = {
        **StaffPermission.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }


class CoordinatorPermission(permissions.BasePermission):
    """Coordinators: reading needs view_participant, changing change_participant."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return user.has_perm("matching.view_participant")
        return user.has_perm("matching.change_participant")


class RegistrationThrottle(AnonRateThrottle):
    """Per client address and tenant (cache keys carry the schema)."""

    def get_rate(self):
        return settings.REGISTRATION_THROTTLE_RATE or None

    def get_ident(self, request) -> str:
        # The same address the HTML forms count (only our proxy's entry).
        return client_address(request)
