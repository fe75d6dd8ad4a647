"""The retention log in the tenant's Wagtail admin: what was removed, as counts
per program, day and kind; read only (the retention job writes it)."""

from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSet

from matching.admin_common import SERVICE_MADE, WithoutFormsMixin
from matching.models import RetentionLogEntry


class RetentionLogViewSet(WithoutFormsMixin, ModelViewSet):
    model = RetentionLogEntry
    refused_views = SERVICE_MADE
    icon = "bin"
    menu_label = gettext_lazy("Retention log")
    list_display = ["day", "program", "kind", "count"]
    list_filter = ["kind", "program"]
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = []
    list_per_page = 100
