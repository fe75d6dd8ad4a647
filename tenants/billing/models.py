"""A tenant's account at Stripe, and the webhook events received from Stripe
(each stored once, by its id). Imported into tenants.models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    # Days after an unpaid invoice's due date before the tenant is suspended:
    # municipal payment runs are slow.
    grace_days = models.PositiveSmallIntegerField(_("grace period in days"), default=30)
    subscription_status = models.CharField(max_length=32, blank=True, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("billing account")
        verbose_name_plural = _("billing accounts")

    def __str__(self) -> str:
        return f"{self.tenant}: {self.stripe_customer_id}"


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
