"""Applications to launch a Kompis site: what a municipality or partnership asks
for on the public host, confirmed by the applicant's e-mail, decided by the
operator, then provisioned by a worker. Imported into tenants.models."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Application(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the applicant's e-mail")
        SUBMITTED = "submitted", _("To decide")
        APPROVED = "approved", _("Approved: being provisioned")
        LIVE = "live", _("Live")
        FAILED = "failed", _("Provisioning failed")
        DECLINED = "declined", _("Declined")

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        PARTNERSHIP = "partnership", _("Partnership (IOP)")

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_number = models.CharField(_("organisation number"), max_length=11)
    # A partnership's partner organisations: [{"name", "organisation_number", "role"}].
    partners = models.JSONField(default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_role = models.CharField(_("role"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=32)
    subdomain = models.SlugField(_("subdomain"), max_length=40)
    own_domain = models.CharField(_("own domain"), max_length=253, blank=True)
    plan = models.ForeignKey(
        "tenants.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("plan"),
    )
    program_templates = ArrayField(
        models.CharField(max_length=40), default=list, blank=True
    )
    listed = models.BooleanField(_("listed on the platform's page"), default=False)
    # The link in the confirmation e-mail: one-time (config.one_time_tokens).
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # The applicant's own link to follow the application (not one-time).
    status_token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    tenant = models.OneToOneField(
        "tenants.Tenant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )
    progress = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            # One application at a time holds a subdomain (two confirmed at the
            # same moment: the second is told it is taken).
            models.UniqueConstraint(
                fields=["subdomain"],
                condition=models.Q(status__in=["submitted", "approved", "failed"]),
                name="application_subdomain_held_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.subdomain})"


class OwnDomain(models.Model):
    """A domain of the tenant's own (e.g. jarfallakompis.se): served once its DNS
    records verify (tenants/launch/own_domains.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the DNS records")
        VERIFIED = "verified", _("Verified: served")
        FAILING = "failing", _("Stopped verifying")

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="own_domains"
    )
    host = models.CharField(_("domain"), max_length=253, unique=True)
    token = models.CharField(max_length=64)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    # Checks failed in a row since it last verified.
    failures = models.PositiveSmallIntegerField(default=0)
    last_problem = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("own domain")
        verbose_name_plural = _("own domains")
        ordering = ["host"]

    def __str__(self) -> str:
        return self.host
