from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tenants.models import Plan, Tenant
from tenants.validators import SLUG_INVALID


class TenantProvisionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.RegexField(
        label=_("Slug"),
        regex=r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$",
        max_length=40,
        error_messages={"invalid": SLUG_INVALID},
        help_text=_(
            "Lowercase letters, digits and hyphens, e.g. jarfalla. "
            "Also the schema name."
        ),
    )
    domain = forms.CharField(
        label=_("Domain"),
        max_length=253,
        required=False,
        help_text=_("Leave empty for the default: <slug> on the platform's domain."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Tenant.Kind.MUNICIPALITY, Tenant.Kind.MUNICIPALITY.label),
            (Tenant.Kind.PARTNERSHIP, Tenant.Kind.PARTNERSHIP.label),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Tenant.Status.TRIAL, Tenant.Status.TRIAL.label),
            (Tenant.Status.ACTIVE, Tenant.Status.ACTIVE.label),
        ],
    )


class TenantStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Tenant.Status.choices)


class TenantDomainForm(forms.Form):
    domain = forms.CharField(label=_("New domain"), max_length=253)
    primary = forms.BooleanField(label=_("Make primary"), required=False)


def _session_minutes_choices() -> list[tuple[int, str]]:
    most = settings.SUPPORT_SESSION_MAX_MINUTES
    offered = sorted({m for m in (15, 30, 60) if m <= most} | {most})
    return [(m, _("%(minutes)s minutes") % {"minutes": m}) for m in offered]


class SupportAccessForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (goes in the audit log)"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. ticket 1234: editor cannot publish")}
        ),
    )
    minutes = forms.TypedChoiceField(
        label=_("How long you need"),
        coerce=int,
        choices=_session_minutes_choices,
        initial=30,
    )


def _published_plans():
    return Plan.objects.filter(active=True).exclude(stripe_price_id="")


class SubscriptionByCardForm(forms.Form):
    """A subscription paid by card: the plan, and who pays (Stripe asks the rest)."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None)
    email = forms.EmailField(
        label=_("E-mail of the payer"),
        help_text=_("Stripe sends the receipts here; the administrators get the link."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = _published_plans()


class SubscriptionByInvoiceForm(forms.Form):
    """What a subscription paid by invoice needs, as a municipality gives it."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None)
    organisation_number = forms.CharField(
        label=_("Organisation number"), max_length=11, help_text=_("NNNNNN-NNNN")
    )
    email = forms.EmailField(label=_("Invoice e-mail"))
    address_line = forms.CharField(label=_("Invoice address"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=6)
    city = forms.CharField(label=_("City"), max_length=80)
    buyer_reference = forms.CharField(
        label=_("Buyer's reference"), max_length=100, required=False
    )
    order_number = forms.CharField(
        label=_("Order number"), max_length=100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = _published_plans()


class PlanForm(forms.ModelForm):
    """A plan as the operator keeps it; once published to Stripe its price and
    interval are fixed (Stripe's prices cannot change)."""

    class Meta:
        model = Plan
        fields = ["name", "includes", "price_sek", "interval", "grace_days", "active"]
        widgets = {"includes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price_sek"].min_value = 1
        self.fields["grace_days"].help_text = _(
            "Days after an unpaid invoice's due date before the site is closed; "
            "municipal payment runs are slow (30 is usual)."
        )
        if self.instance.pk and self.instance.stripe_price_id:
            for name in ("price_sek", "interval"):
                self.fields[name].disabled = True

    def clean_price_sek(self):
        price = self.cleaned_data["price_sek"]
        if price < 1:
            raise forms.ValidationError(_("A plan costs at least 1 krona."))
        return price

    def clean_grace_days(self):
        days = self.cleaned_data["grace_days"]
        if days > 365:
            raise forms.ValidationError(_("At most 365 days."))
        return days
