"""The Wagtail admin form of a program: its rules are checked as a whole on save."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from matching.programs.municipalities import municipality_choices
from tenants.selectors import funder_choices

RULE_FIELDS = {
    "sides": [
        "key",
        "name_sv",
        "capacity_default",
        "capacity_max",
        "genders",
        "min_age",
        "max_age",
        "municipalities",
        "required_answers",
    ],
    "questions": ["key", "kind", "choices", "sides"],
    "criteria": ["kind", "question_key", "weight", "params"],
    "constraints": ["kind", "question_key", "params"],
}


class ProgramAdminForm(WagtailAdminModelForm):
    municipalities = forms.MultipleChoiceField(
        label=_("municipalities served"),
        choices=municipality_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 14}),
        help_text=_(
            "The registration form offers these; none chosen means all of Sweden. "
            "Hold Ctrl (Cmd on a Mac) to choose several."
        ),
    )

    funders = forms.TypedMultipleChoiceField(
        label=_("funders"),
        choices=funder_choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The partner organisations that pay for this program; their reports "
            "count it. The platform operator adds a funder to the partnership."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        from matching.programs.rules import program_rules_problems

        rules = {}
        for name, fields in RULE_FIELDS.items():
            formset = self.formsets.get(name)
            if formset is None or any(form.errors for form in formset.forms):
                return cleaned  # the inline forms show their own errors first
            rules[name] = [
                {field: form.cleaned_data.get(field) for field in fields}
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
        for side in rules["sides"]:
            side["capacity_default"] = side["capacity_default"] or 1
            side["capacity_max"] = side["capacity_max"] or 1
        per_session = bool(cleaned.get("per_session"))
        for problem in program_rules_problems(**rules, per_session=per_session):
            self.add_error(None, problem)
        return cleaned
