"""The report pages' filter forms: a period in whole months, and what to narrow
the figures to."""

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class MonthField(forms.CharField):
    default_error_messages = {"invalid": gettext_lazy("Give a month as YYYY-MM.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"]) from None


class MonthsForm(forms.Form):
    start = MonthField(
        label=gettext_lazy("From month"),
        required=False,
        help_text=gettext_lazy("e.g. 2026-01"),
    )
    end = MonthField(
        label=gettext_lazy("To and with month"),
        required=False,
        help_text=gettext_lazy("e.g. 2026-01"),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def period(self, today: date) -> tuple[date, date]:
        """The months chosen; this year so far where none is."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return (
            data.get("start") or today.replace(month=1, day=1),
            data.get("end") or today.replace(day=1),
        )


def _everything() -> list:
    return [("", _("All"))]


class DashboardForm(MonthsForm):
    kind = forms.ChoiceField(label=gettext_lazy("Program kind"), required=False)
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)
    funder = forms.TypedChoiceField(
        label=gettext_lazy("Funder"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, kinds, municipalities, funders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _everything() + kinds
        self.fields["municipality"].choices = _everything() + municipalities
        self.fields["funder"].choices = _everything() + funders


class FunderReportForm(MonthsForm):
    funder = forms.TypedChoiceField(
        label=gettext_lazy("Funder"), coerce=int, empty_value=None
    )
    field_order = ["funder", "start", "end"]

    def __init__(self, *args, funders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].choices = funders
