"""The outbox in the Wagtail admin: each message's status (read only), and a
coordinator's retry of a failed one. matching/wagtail_hooks.py registers these."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from config.errors import ApplicationError
from matching.admin_common import (
    LOGGED,
    READ_ONLY,
    SERVICE_MADE,
    LoggedInspectView,
    ServicesOnlyPolicy,
    WithoutFormsMixin,
)
from matching.models import Message
from matching.outbox.services import message_retry

# Registered at import, before matching/wagtail_hooks.py builds the viewset.
register_permission_policy(
    Message, ServicesOnlyPolicy(Message, refused=READ_ONLY), exact_class=True
)


class MessageInspectView(LoggedInspectView):
    logged_view = LOGGED.MESSAGE_INSPECT


class MessageViewSet(WithoutFormsMixin, ModelViewSet):
    """Staff see each message's status; nothing here sends or edits."""

    model = Message
    inspect_template_name = "matching/admin/message_inspect.html"
    refused_views = SERVICE_MADE
    inspect_view_class = MessageInspectView
    icon = "mail"
    menu_label = gettext_lazy("Messages")
    list_display = [
        "created_at",
        "channel",
        "to",
        "subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["channel", "status", "template_key"]
    search_fields = ["to", "subject"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []


@require_POST
@permission_required("matching.view_message")
def message_retry_view(request, message_id: int):
    """A coordinator sends a failed message again (a new retry window)."""
    message = get_object_or_404(Message, pk=message_id)
    try:
        message_retry(message=message)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Meddelandet skickas igen.")
    return redirect(reverse("messages:inspect", args=[message.pk]))


def outbox_admin_urls() -> list:
    return [
        path(
            "matchning/meddelande/<int:message_id>/skicka-igen/",
            message_retry_view,
            name="matching_message_retry",
        ),
    ]
