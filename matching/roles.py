"""The product's groups of a tenant's staff, with exactly the permissions each needs.

Made in the template schema (so every new tenant starts with them) and re-made in
every tenant by `migrate_platform` (the "roles" provisioning hook), so a release that
changes a role, or adds a model a role needs, fixes existing tenants too. The
product owns these groups: their model permissions are reset on every run. A tenant
that wants another role makes a group of its own.
"""

from django.contrib.auth.models import Group, Permission

REFERRERS = "Remittenter"
COORDINATORS = "Samordnare"
# The tenant's admins: they read who opened which participant's data.
ADMINISTRATORS = "Administratörer"

# A coordinator's whole job: programs and their rules, registrations, runs and
# proposals, matches, events and sessions with their RSVPs, follow-ups, and the
# outbox and its sender names. Matches, follow-ups and messages are made by the
# services only; the admin shows them read-only (matching.wagtail_hooks).
COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("matching", "add_program"),
    ("matching", "change_program"),
    ("matching", "view_program"),
    ("matching", "view_participant"),
    ("matching", "change_participant"),
    ("matching", "delete_participant"),  # the admin's "delete" erases (service)
    ("matching", "view_referral"),
    ("matching", "view_match"),
    ("matching", "change_match"),
    ("matching", "view_matchrun"),
    ("matching", "add_event"),
    ("matching", "change_event"),
    ("matching", "view_event"),
    ("matching", "view_eventrsvp"),
    ("matching", "view_followup"),
    ("matching", "view_message"),  # the outbox, read only; may retry a failed one
    ("matching", "change_messagingsettings"),
    ("matching", "view_retentionlogentry"),  # what retention removed, counts only
    ("matching", "hold_participant"),  # keep someone past retention, with a reason
]
REFERRER_PERMISSIONS = [("matching", "add_referral")]
# The tenant's admins read the access log and choose the site's languages (Wagtail
# locales: the languages pages, program texts and registrations are offered in).
ADMINISTRATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("matching", "view_accesslogentry"),
    ("matching", "view_retentionlogentry"),
    ("matching", "change_retention_rule"),
    ("wagtailcore", "add_locale"),
    ("wagtailcore", "change_locale"),
    ("wagtailcore", "delete_locale"),
]


def _permissions(pairs) -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]


def matching_groups_ensure() -> dict[str, Group]:
    """Referrers may refer people and see their status, nothing else; coordinators
        run programs in the admin and the staff API; administrators read the access log
    and choose the site's languages.
        Idempotent; runs with the schema active."""
    groups = {}
    for name, pairs in (
        (REFERRERS, REFERRER_PERMISSIONS),
        (COORDINATORS, COORDINATOR_PERMISSIONS),
        (ADMINISTRATORS, ADMINISTRATOR_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(pairs))
        groups[name] = group
    return groups
