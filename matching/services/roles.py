"""Groups every tenant starts with (made once in the template schema)."""

from django.contrib.auth.models import Group, Permission

REFERRERS = "Remittenter"
COORDINATORS = "Samordnare"

COORDINATOR_PERMISSIONS = [
    ("matching", "add_program"),
    ("matching", "change_program"),
    ("matching", "view_program"),
    ("matching", "view_participant"),
    ("matching", "change_participant"),
    ("matching", "view_referral"),
    ("matching", "view_match"),
    ("matching", "view_message"),  # the outbox, read only; may retry a failed one
    ("wagtailadmin", "access_admin"),
]


def _permissions(pairs):
    found = []
    for app_label, codename in pairs:
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def matching_groups_ensure() -> None:
    """Partner referrers may refer people and see their status, nothing else;
    coordinators run programs and handle registrations in the admin and API."""
    referrers, _ = Group.objects.get_or_create(name=REFERRERS)
    referrers.permissions.set(_permissions([("matching", "add_referral")]))
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.set(_permissions(COORDINATOR_PERMISSIONS))
