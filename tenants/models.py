"""Tenants (one PostgreSQL schema each), their domains, partner organisations, and
the operator's audit trail. All of these live in the public schema."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from tenants.validators import validate_organisation_number


class MfaPolicy(models.TextChoices):
    PERSONAL_DATA = (
        "personal_data",
        _("Staff who see personal data (coordinators, administrators)"),
    )
    ALL_STAFF = "all_staff", _("All staff")
    NONE = "none", _("Nobody (not recommended)")


class Tenant(TenantMixin):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        PARTNERSHIP = "partnership", _("Partnership (IOP)")
        OPERATOR = "operator", _("Operator (public schema)")

    class Status(models.TextChoices):
        TRIAL = "trial", _("Trial")
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Past due")
        SUSPENDED = "suspended", _("Suspended")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.TRIAL
    )
    # False until provisioning has finished; beat jobs and reports skip such tenants.
    schema_ready = models.BooleanField(default=False)
    # Which of the tenant's staff must pass two-step sign-in (tenants/mfa/).
    mfa_policy = models.CharField(
        _("two-step sign-in required for"),
        max_length=20,
        choices=MfaPolicy.choices,
        default=MfaPolicy.PERSONAL_DATA,
    )
    # The last day of a trial: its administrators are told 14 and 3 days before,
    # and without a paid subscription it is suspended then (tenants/billing/).
    trial_ends_at = models.DateField(_("trial ends"), null=True, blank=True)
    # The last notice sent (14, then 3 days before); claimed in one update.
    trial_notice_days = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False
    )
    # Shown with its logo and link on the platform's public page (its applicant
    # agreed; the operator changes it in Django admin).
    listed = models.BooleanField(_("listed on the platform's page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Provisioning (tenants.services.provisioning) clones the schema itself.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.schema_name == "public"

    @property
    def is_serving(self) -> bool:
        return self.status in {
            self.Status.TRIAL,
            self.Status.ACTIVE,
            self.Status.PAST_DUE,
        }


class Domain(DomainMixin):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_primary", "domain"]


class PartnerOrganisation(models.Model):
    class Role(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        STATE_AGENCY = "state_agency", _("State agency")
        IDEA_BASED = "idea_based", _("Idea-based organisation")
        FUNDER = "funder", _("Funder")

    name = models.CharField(max_length=200)
    organisation_number = models.CharField(
        max_length=11,
        unique=True,
        validators=[validate_organisation_number],
        help_text=_("Swedish organisation number, NNNNNN-NNNN."),
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    website = models.URLField(blank=True)
    tenants = models.ManyToManyField(
        Tenant, through="Partnership", related_name="partners", blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partnership(models.Model):
    """An organisation's membership of one tenant (a partnership has several)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE)
    joined_at = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "organisation"], name="unique_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.tenant}"


class SupportAccess(models.Model):
    """A one-time, short-lived link for an operator to enter a tenant's admin."""

    token_hash = models.CharField(max_length=64, unique=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Read on the tenant's host, where `auth_user` resolves to the tenant's own
    # users table (search_path), so the operator is never joined from there.
    operator_username = models.CharField(max_length=150)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="support_accesses"
    )
    reason = models.CharField(max_length=300)
    # How long the session the link opens may last: the operator's stated need.
    session_minutes = models.PositiveSmallIntegerField(default=30)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "support accesses"

    def __str__(self) -> str:
        return f"{self.operator_username} to {self.tenant} at {self.created_at}"


class AuditLogEntry(models.Model):
    class Action(models.TextChoices):
        TENANT_PROVISIONED = "tenant_provisioned", _("Tenant provisioned")
        TENANT_STATUS_CHANGED = "tenant_status_changed", _("Tenant status changed")
        DOMAIN_ADDED = "domain_added", _("Domain added")
        SUPPORT_LINK_ISSUED = "support_link_issued", _("Support link issued")
        SUPPORT_SIGNIN = "support_signin", _("Support sign-in")
        SUPPORT_SIGNIN_REFUSED = "support_signin_refused", _("Support link refused")
        SUPPORT_CHANGE = "support_change", _("Change during support")
        MFA_POLICY_CHANGED = "mfa_policy_changed", _("Two-step sign-in rule changed")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    # The operator's username is kept as text too: the log outlives user accounts.
    actor_username = models.CharField(max_length=150, blank=True)
    tenant = models.ForeignKey(
        Tenant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "audit log entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.actor_username}"


class TenantUsage(models.Model):
    """Counts refreshed by a Celery task inside each tenant's schema."""

    tenant = models.OneToOneField(
        Tenant, on_delete=models.CASCADE, related_name="usage"
    )
    pages = models.PositiveIntegerField(default=0)
    users = models.PositiveIntegerField(default=0)
    images = models.PositiveIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"usage of {self.tenant}"


# Billing's models live in their sub-package and belong to this app.
from tenants.billing.models import (  # noqa: E402, F401
    BillingAccount,
    CheckoutStart,
    EInvoice,
    Plan,
    StripeEvent,
)
from tenants.launch.models import Application, OwnDomain  # noqa: E402, F401
