"""The application form on the public host, and the operator's decision."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from tenants.launch.models import Application
from tenants.launch.subdomains import own_domain_checked, subdomain_problem
from tenants.models import PartnerOrganisation, Plan
from tenants.validators import validate_organisation_number

PARTNERS_NEEDED = _(
    "A partnership names its partner organisations: at least one besides your own."
)
PARTNER_INCOMPLETE = _("Give each partner's name, organisation number and role.")


def template_choices() -> list[tuple[str, str]]:
    summaries = import_string(settings.PLATFORM_PROGRAM_TEMPLATES)()
    return [(key, name) for key, name, _summary in summaries]


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("We are"),
        choices=Application.Kind.choices,
        widget=forms.RadioSelect,
        initial=Application.Kind.MUNICIPALITY,
    )
    organisation_name = forms.CharField(
        label=_("Name of the municipality or organisation"), max_length=200
    )
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=11,
        help_text=_("NNNNNN-NNNN"),
        validators=[validate_organisation_number],
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_role = forms.CharField(
        label=_("Your role"),
        max_length=200,
        help_text=_("e.g. integration coordinator"),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send a link here to confirm it."),
    )
    contact_phone = PhoneNumberField(label=_("Your phone"), region="SE")
    subdomain = forms.CharField(
        label=_("The site's address"),
        max_length=40,
        help_text=_("Lowercase letters, digits and hyphens, e.g. jarfalla."),
    )
    own_domain = forms.CharField(
        label=_("Own domain (optional)"),
        max_length=253,
        required=False,
        help_text=_("e.g. jarfallakompis.se; you add it after launch, with DNS."),
    )
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("Not decided yet"),
    )
    program_templates = forms.MultipleChoiceField(
        label=_("Programs to start with"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each becomes a draft program you adjust and open."),
    )
    listed = forms.BooleanField(
        label=_("List our site on this page once it is live"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(active=True)
        self.fields["program_templates"].choices = template_choices()
        suffix = settings.PLATFORM_TENANT_DOMAIN_SUFFIX
        self.fields["subdomain"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "data-suffix": suffix}
        )

    def clean_subdomain(self):
        name = self.cleaned_data["subdomain"].strip().lower()
        problem = subdomain_problem(name)
        if problem:
            raise ValidationError(problem)
        return name

    def clean_own_domain(self):
        value = self.cleaned_data["own_domain"].strip()
        return own_domain_checked(value) if value else ""


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Partner"), max_length=200, required=False)
    organisation_number = forms.CharField(
        label=_("Organisation number"),
        max_length=11,
        required=False,
        validators=[validate_organisation_number],
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", "—"), *PartnerOrganisation.Role.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        given = [data.get(name) for name in ("name", "organisation_number", "role")]
        if any(given) and not all(given):
            raise ValidationError(PARTNER_INCOMPLETE)
        return data


PartnerFormSet = forms.formset_factory(PartnerForm, extra=5, max_num=12)


def partners_of(formset, kind: str) -> list[dict]:
    """The partners given (complete rows); ValidationError for a partnership
    without any."""
    partners = [
        {
            "name": form.cleaned_data["name"].strip(),
            "organisation_number": form.cleaned_data["organisation_number"],
            "role": form.cleaned_data["role"],
        }
        for form in formset.forms
        if form.cleaned_data.get("name")
    ]
    if kind == Application.Kind.PARTNERSHIP and not partners:
        raise ValidationError(PARTNERS_NEEDED)
    return partners if kind == Application.Kind.PARTNERSHIP else []


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (the applicant receives this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
