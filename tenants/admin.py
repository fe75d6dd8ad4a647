"""The operator's Django admin (public host, /operator/admin/)."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from config.errors import ApplicationError
from tenants.models import (
    Application,
    AuditLogEntry,
    BillingAccount,
    CheckoutStart,
    Domain,
    EInvoice,
    OwnDomain,
    PartnerOrganisation,
    Partnership,
    Plan,
    StripeEvent,
    SupportAccess,
    Tenant,
)


class DomainInline(admin.TabularInline):
    """Shown, not edited: a domain is added by `tenant_domain_add` (operator console
    or `tenant_domain_add` command), which audits it and renews the site's host."""

    model = Domain
    extra = 0
    fields = ("domain", "is_primary")
    readonly_fields = ("domain", "is_primary")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _status_action(status: str, label: str):
    """An admin action that moves the chosen tenants to `status` through
    `tenant_status_set` (audit log entry, page cache renewed)."""
    from tenants.services.provisioning import tenant_status_set

    def action(modeladmin, request, queryset):
        changed = 0
        for tenant in queryset.exclude(schema_name="public"):
            try:
                tenant_status_set(
                    tenant=tenant,
                    status=status,
                    actor_username=request.user.get_username(),
                )
            except ApplicationError as error:
                modeladmin.message_user(request, error.message, messages.ERROR)
            else:
                changed += 1
        modeladmin.message_user(request, f"{changed} tenant(s): {label}.")

    action.__name__ = f"status_{status}"
    return admin.action(description=f"Set status: {label}", permissions=["change"])(
        action
    )


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "status", "schema_ready", "created_at")
    list_filter = ("status", "kind", "schema_ready")
    search_fields = ("name", "slug", "domains__domain")
    # The status changes only through the actions below (tenant_status_set), the
    # domains only through the operator console: both audit and renew the cache.
    readonly_fields = (
        "slug",
        "schema_name",
        "status",
        "schema_ready",
        "created_at",
        "updated_at",
    )
    actions = [
        _status_action(value, str(label)) for value, label in Tenant.Status.choices
    ]
    fields = (
        "name",
        "slug",
        "schema_name",
        "kind",
        "status",
        "trial_ends_at",
        "mfa_policy",
        "listed",
        "schema_ready",
        "created_at",
        "updated_at",
    )
    inlines = (DomainInline, PartnershipInline)

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(schema_name="public")

    def add_view(self, request, form_url="", extra_context=None):
        # A tenant is more than a row (schema, site, theme): provisioning has one
        # entry point, the same service the console and the CLI use.
        return redirect(reverse("operator:tenant-provision"))

    def has_delete_permission(self, request, obj=None):
        # Tenants are archived, never deleted from the admin: their data must stay.
        return False


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation_number", "role")
    list_filter = ("role",)
    search_fields = ("name", "organisation_number")
    inlines = (PartnershipInline,)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "tenant", "actor_username", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_username", "tenant__name")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SupportAccess)
class SupportAccessAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "operator",
        "tenant",
        "reason",
        "used_at",
        "expires_at",
    )
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.action(description=gettext_lazy("Publish to Stripe (as a price)"))
def plans_publish(modeladmin, request, queryset):
    from tenants.billing.plans import plan_publish

    for plan in queryset:
        try:
            plan_publish(plan)
        except ApplicationError as error:
            messages.error(request, f"{plan}: {error.message}")
        else:
            messages.success(
                request, gettext("%(plan)s is a price at Stripe.") % {"plan": plan}
            )


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Plans the operator offers; a published plan's price is fixed (Stripe's
    prices cannot change): make a new plan for a new price."""

    list_display = (
        "name",
        "price_sek",
        "interval",
        "grace_days",
        "stripe_price_id",
        "active",
    )
    list_filter = ("active", "interval")
    actions = [plans_publish]

    def get_readonly_fields(self, request, obj=None):
        fixed = ("stripe_price_id",)
        if obj is not None and obj.stripe_price_id:
            fixed += ("price_sek", "interval")
        return fixed


@admin.register(BillingAccount)
class BillingAccountAdmin(admin.ModelAdmin):
    """Which Stripe customer and subscription pay for a tenant, and its grace
    period; Stripe's webhooks move the tenant's status from here on."""

    list_display = (
        "tenant",
        "stripe_customer_id",
        "stripe_subscription_id",
        "plan",
        "subscription_status",
        "grace_days",
        "checked_at",
    )
    search_fields = ("tenant__name", "stripe_customer_id", "stripe_subscription_id")
    readonly_fields = ("subscription_status", "checked_at")
    fields = (
        "tenant",
        "stripe_customer_id",
        "stripe_subscription_id",
        "plan",
        "grace_days",
        "organisation_number",
        "buyer_reference",
        "order_number",
        "subscription_status",
        "checked_at",
    )


@admin.register(CheckoutStart)
class CheckoutStartAdmin(admin.ModelAdmin):
    """Read only: links to pay by card the operator sent, and whether they were
    paid. Started from the tenant's page in the console."""

    list_display = (
        "tenant",
        "plan",
        "email",
        "started_by",
        "created_at",
        "completed_at",
    )
    list_filter = ("completed_at",)
    search_fields = ("tenant__name", "email", "stripe_session_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    """Read only: what Stripe sent, and what came of it."""

    list_display = ("received_at", "type", "event_id", "handled_at", "outcome")
    list_filter = ("type",)
    search_fields = ("event_id",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EInvoice)
class EInvoiceAdmin(admin.ModelAdmin):
    """Read only: the e-invoices made from Stripe's invoices and credit notes, and
    how their sending went. Downloaded and sent again from the console."""

    list_display = ("number", "tenant", "kind", "issued_on", "status", "attempts")
    list_filter = ("status", "kind")
    search_fields = ("number", "stripe_id", "tenant__name")
    exclude = ("xml",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Applications to launch a site; decided in the console
    (/operator/applications/), listed here to search."""

    list_display = ("organisation_name", "subdomain", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("organisation_name", "subdomain", "contact_email")
    exclude = ("token_hash", "status_token_hash")
    readonly_fields = ("status", "tenant", "progress", "error", "decided_by")


@admin.register(OwnDomain)
class OwnDomainAdmin(admin.ModelAdmin):
    """Read only: tenants' own domains and how their DNS checks go (the tenant's
    administrators add them in their admin)."""

    list_display = ("host", "tenant", "status", "checked_at", "failures")
    list_filter = ("status",)
    search_fields = ("host", "tenant__name")
    exclude = ("token",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
