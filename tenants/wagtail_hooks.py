"""The tenant's Wagtail admin: staff access and billing pages under Settings."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from tenants.admin_menu import ShownTo
from tenants.billing import admin_views as billing_views
from tenants.launch import own_domain_views
from tenants.staff_access import admin_views
from tenants.staff_access.api_tokens import manages_staff_access, uses_the_api


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("api-nycklar/", admin_views.api_tokens_view, name="staff_api_tokens"),
        path(
            "lasta-inloggningar/",
            admin_views.locked_sign_ins_view,
            name="staff_locked_sign_ins",
        ),
        path(
            "tvastegsinloggning/",
            admin_views.second_step_view,
            name="staff_second_step",
        ),
        path("inbjudningar/", admin_views.invitations_view, name="staff_invitations"),
        path(
            "egen-doman/",
            own_domain_views.own_domains_view,
            name="tenant_own_domains",
        ),
        path(
            "egen-doman/<int:pk>/check/",
            own_domain_views.own_domain_check_view,
            name="tenant_own_domain_check",
        ),
        path("fakturering/", billing_views.billing_view, name="tenant_billing"),
        path(
            "fakturering/portal/",
            billing_views.billing_portal_view,
            name="tenant_billing_portal",
        ),
    ]


@hooks.register("register_settings_menu_item")
def api_tokens_menu_item():
    return ShownTo(
        _("API tokens"),
        reverse("staff_api_tokens"),
        icon_name="key",
        order=900,
        shown_to=lambda user: uses_the_api(user) or manages_staff_access(user),
    )


@hooks.register("register_settings_menu_item")
def locked_sign_ins_menu_item():
    return ShownTo(
        _("Locked sign-ins"),
        reverse("staff_locked_sign_ins"),
        icon_name="lock",
        order=910,
        shown_to=manages_staff_access,
    )


@hooks.register("register_settings_menu_item")
def second_step_menu_item():
    return ShownTo(
        _("Two-step sign-in"),
        reverse("staff_second_step"),
        icon_name="key",
        order=920,
        shown_to=manages_staff_access,
    )


@hooks.register("register_settings_menu_item")
def billing_menu_item():
    return ShownTo(
        _("Billing"),
        reverse("tenant_billing"),
        icon_name="doc-full",
        order=930,
        shown_to=manages_staff_access,
    )


@hooks.register("register_settings_menu_item")
def invitations_menu_item():
    return ShownTo(
        _("Invite staff"),
        reverse("staff_invitations"),
        icon_name="user",
        order=905,
        shown_to=manages_staff_access,
    )


@hooks.register("register_settings_menu_item")
def own_domains_menu_item():
    return ShownTo(
        _("Own domain"),
        reverse("tenant_own_domains"),
        icon_name="site",
        order=925,
        shown_to=manages_staff_access,
    )
