"""Registers matching's screens in the tenant's Wagtail admin. Each subject's
admin module defines its viewsets and views; this file only puts them in place."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy

from matching.admin_common import READ_ONLY, ServicesOnlyPolicy
from matching.events.admin import EventViewSet
from matching.matches.admin import FollowUpViewSet, MatchViewSet, match_admin_urls
from matching.models import (
    AccessLogEntry,
    FollowUp,
    Match,
    Participant,
    RetentionLogEntry,
)
from matching.outbox.admin import MessageViewSet, outbox_admin_urls
from matching.participants.admin import (
    AccessLogViewSet,
    ParticipantViewSet,
    participant_admin_urls,
)
from matching.privacy.admin import RetentionLogViewSet, privacy_admin_urls
from matching.programs.admin import ProgramViewSet, program_admin_urls

# Registered before the viewsets below, which then find them.
for _model, _refused in (
    (Match, READ_ONLY),
    (FollowUp, READ_ONLY),
    (AccessLogEntry, READ_ONLY),
    (RetentionLogEntry, READ_ONLY),
    # Registrations come through the registration and referral services; staff
    # may correct contact details, and "delete" erases through the service.
    (Participant, frozenset({"add"})),
):
    register_permission_policy(
        _model, ServicesOnlyPolicy(_model, refused=_refused), exact_class=True
    )


class MatchingGroup(ViewSetGroup):
    menu_label = gettext_lazy("Matching")
    menu_icon = "group"
    items = (
        ProgramViewSet("programs"),
        ParticipantViewSet("participants"),
        MatchViewSet("matches"),
        EventViewSet("events"),
        FollowUpViewSet("followups"),
        MessageViewSet("messages"),
        AccessLogViewSet("access_log"),
        RetentionLogViewSet("retention_log"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MatchingGroup()


@hooks.register("register_admin_urls")
def register_urls():
    return (
        program_admin_urls()
        + participant_admin_urls()
        + match_admin_urls()
        + outbox_admin_urls()
        + privacy_admin_urls()
    )


def _menu_item(label, url_name: str, icon: str, order: int, perm: str):
    from django.urls import reverse

    from tenants.admin_menu import ShownTo, with_perm

    return ShownTo(
        label, reverse(url_name), icon_name=icon, order=order, shown_to=with_perm(perm)
    )


@hooks.register("register_settings_menu_item")
def processing_record_menu_item():
    return _menu_item(
        gettext_lazy("Record of processing"),
        "matching_processing_record",
        "doc-full",
        930,
        "matching.view_accesslogentry",
    )


@hooks.register("register_settings_menu_item")
def retention_rules_menu_item():
    return _menu_item(
        gettext_lazy("Retention rules"),
        "matching_retention_rules",
        "bin",
        931,
        "matching.change_retention_rule",
    )


@hooks.register("register_admin_menu_item")
def retention_due_menu_item():
    return _menu_item(
        gettext_lazy("Retention and holds"),
        "matching_retention_due",
        "bin",
        310,
        "matching.view_retentionlogentry",
    )


@hooks.register("register_log_actions")
def retention_log_actions(actions):
    from matching.privacy.retention_rules import RULE_LOG_ACTION

    actions.register_action(
        RULE_LOG_ACTION,
        gettext_lazy("Change retention rule"),
        gettext_lazy("Retention rule changed"),
    )
