"""The retention log in the tenant's Wagtail admin: what was removed, as counts
per program, day and kind; read only (the retention job writes it)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSet

from matching.admin_common import SERVICE_MADE, WithoutFormsMixin
from matching.models import RetentionLogEntry
from matching.privacy.processing_record import processing_record


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


def processing_record_view(request):
    """The record of processing for the tenant's administrators: shown in the
    admin, or downloaded as a document (?download=1) for the DPIA."""
    if not request.user.has_perm("matching.view_accesslogentry"):
        raise PermissionDenied
    context = {**processing_record(), "organisation": request.tenant.name}
    if request.GET.get("download"):
        document = render_to_string(
            "matching/admin/processing_record_document.html", context, request=request
        )
        response = HttpResponse(document, content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="behandlingsregister-{request.tenant.slug}.html"'
        )
        return response
    return TemplateResponse(request, "matching/admin/processing_record.html", context)


def privacy_admin_urls():
    from matching.privacy import retention_views as views

    return [
        path(
            "matchning/behandlingsregister/",
            processing_record_view,
            name="matching_processing_record",
        ),
        path(
            "matchning/gallring/",
            views.retention_due_view,
            name="matching_retention_due",
        ),
        path(
            "matchning/gallring/<int:participant_id>/spara/",
            views.retention_hold_view,
            name="matching_retention_hold",
        ),
        path(
            "matchning/gallringsregler/",
            views.retention_rules_view,
            name="matching_retention_rules",
        ),
        path(
            "matchning/gallringsregler/<int:program_id>/",
            views.retention_rule_edit_view,
            name="matching_retention_rule_edit",
        ),
    ]
