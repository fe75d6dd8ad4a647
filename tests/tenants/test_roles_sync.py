"""A tenant made before a release gets that release's groups from migrate_platform."""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django_tenants.utils import tenant_context

from cms.services import EDITORS_GROUP
from matching.roles import COORDINATORS


def test_migrate_platform_puts_every_tenants_groups_right(alpha, beta):
    for tenant in (alpha, beta):
        with tenant_context(tenant):
            Group.objects.get(name=COORDINATORS).permissions.clear()
            # As if an older release (or a hand edit) let editors see registrations.
            Group.objects.get(name=EDITORS_GROUP).permissions.add(
                Permission.objects.get(codename="view_participant")
            )

    call_command("migrate_platform", verbosity=0)

    for tenant in (alpha, beta):
        with tenant_context(tenant):
            coordinators = Group.objects.get(name=COORDINATORS).permissions
            assert coordinators.filter(codename="change_participant").exists()
            assert coordinators.filter(codename="view_match").exists()
            editors = Group.objects.get(name=EDITORS_GROUP).permissions
            assert not editors.filter(content_type__app_label="matching").exists()
            assert editors.filter(codename="access_admin").exists()
