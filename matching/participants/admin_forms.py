"""The Wagtail admin form where staff correct a participant's contact details."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from matching.programs.municipalities import municipality_choices


class ParticipantAdminForm(WagtailAdminModelForm):
    """Only known municipality codes, as in the registration form; a typo is a
    form error, never a value the eligibility checks and reports cannot read."""

    municipality = forms.ChoiceField(
        label="Kommun",
        required=False,
        choices=lambda: [("", "—"), *municipality_choices()],
    )
