"""A tenant's account at Stripe, and the webhook events received from Stripe
(each stored once, by its id). Imported into tenants.models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    """What a tenant can subscribe to (a municipality, a partnership of several
    municipalities, a per-program add-on): a price at Stripe once published."""

    class Interval(models.TextChoices):
        YEAR = "year", _("Per year")
        MONTH = "month", _("Per month")

    name = models.CharField(_("name"), max_length=120)
    includes = models.TextField(
        _("what it includes"), help_text=_("Shown to the operator and on Stripe.")
    )
    price_sek = models.PositiveIntegerField(_("price in kronor, excluding VAT"))
    interval = models.CharField(
        _("billed"), max_length=5, choices=Interval.choices, default=Interval.YEAR
    )
    # Days after an unpaid invoice's due date before the tenant is suspended:
    # municipal payment runs are slow.
    grace_days = models.PositiveSmallIntegerField(_("grace period in days"), default=30)
    stripe_price_id = models.CharField(
        _("Stripe price"), max_length=64, blank=True, editable=False
    )
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BillingAccount(models.Model):
    """The tenant's customer and subscription at Stripe, and what Stripe last said."""

    tenant = models.OneToOneField(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="billing"
    )
    stripe_customer_id = models.CharField(
        _("Stripe customer"), max_length=64, unique=True
    )
    stripe_subscription_id = models.CharField(
        _("Stripe subscription"), max_length=64, blank=True, db_index=True
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )
    # Used only without a plan (an account linked by hand): a plan's own rules.
    grace_days = models.PositiveSmallIntegerField(
        _("grace period in days"),
        default=30,
        help_text=_("Used when the account has no plan; a plan has its own."),
    )
    # Paid by invoice: what every e-invoice to the customer carries (one of the
    # buyer's reference and the order number is required by Peppol).
    organisation_number = models.CharField(
        _("organisation number"), max_length=11, blank=True
    )
    buyer_reference = models.CharField(
        _("buyer's reference"), max_length=100, blank=True
    )
    order_number = models.CharField(_("order number"), max_length=100, blank=True)
    subscription_status = models.CharField(max_length=32, blank=True, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("billing account")
        verbose_name_plural = _("billing accounts")

    def __str__(self) -> str:
        return f"{self.tenant}: {self.stripe_customer_id}"

    @property
    def grace(self) -> int:
        """Days of grace after a due date: the plan's, else the account's own."""
        return self.plan.grace_days if self.plan_id else self.grace_days


class CheckoutStart(models.Model):
    """A subscription by card the operator started: a Stripe Checkout session the
    tenant's administrators complete. Completing it links the tenant's account."""

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="checkouts"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(_("e-mail of the payer"))
    stripe_session_id = models.CharField(max_length=255, unique=True)
    url = models.URLField(max_length=2000)
    expires_at = models.DateTimeField()
    started_by = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("checkout by card")
        verbose_name_plural = _("checkouts by card")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.tenant}: {self.plan} ({self.stripe_session_id})"


class StripeEvent(models.Model):
    """A webhook event from Stripe, stored once by its id: a replay finds it
    handled and does nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class EInvoice(models.Model):
    """A Peppol e-invoice (or credit note) made from a finalised Stripe document
    of a customer paying by invoice, and its way to the buyer's access point:
    an outbox row (queued → sending → sent, retried until it is given up)."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        MADE = "made", _("Made (sending not configured)")
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NOT_MADE = "not_made", _("Could not be made")

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.PROTECT, related_name="einvoices"
    )
    stripe_id = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=11, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=100)
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    total_ore = models.BigIntegerField(default=0)
    xml = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    access_point_id = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-invoice")
        verbose_name_plural = _("e-invoices")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def total(self) -> float:
        return self.total_ore / 100
