"""Puts the coordinators' report page in the tenant's Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from reporting.admin_views import (
    SEES_REPORTS,
    program_report_view,
    snapshot_refresh_view,
)
from reporting.funder_views import tenant_funder_report_view
from tenants.admin_menu import ShownTo, with_perm


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("rapporter/", program_report_view, name="reporting_program_report"),
        path(
            "rapporter/finansiarer/",
            tenant_funder_report_view,
            name="reporting_funder_report",
        ),
        path(
            "rapporter/uppdatera/",
            snapshot_refresh_view,
            name="reporting_snapshot_refresh",
        ),
    ]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ShownTo(
        gettext_lazy("Reports"),
        reverse("reporting_program_report"),
        icon_name="table",
        order=320,
        shown_to=with_perm(SEES_REPORTS),
    )
