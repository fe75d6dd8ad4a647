"""The operator's reports on the public host (/operator/reports/): every tenant
side by side from the snapshots, with the platform's exact totals, filters by
period, program kind and municipality, the trend month by month, and the tenants
whose last snapshot failed. Small cells are suppressed (reporting.suppression)."""

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reporting.charts import bar_chart
from reporting.dashboard import (
    COLUMNS,
    dashboard_rows,
    failed_snapshots,
    filter_choices,
    monthly_trend,
)
from reporting.suppression import suppress

MONTH = "%Y-%m"


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


class DashboardForm(forms.Form):
    start = MonthField(label=gettext_lazy("From month"), required=False)
    end = MonthField(label=gettext_lazy("To and with month"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Program kind"), required=False)
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)
    funder = forms.TypedChoiceField(
        label=gettext_lazy("Funder"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, kinds, municipalities, funders, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + kinds
        self.fields["municipality"].choices = everything + municipalities
        self.fields["funder"].choices = everything + funders

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


@login_required
@permission_required("reporting.view_snapshotfigure", raise_exception=True)
def dashboard_view(request):
    today = timezone.localdate()
    kinds, municipalities, funders = filter_choices()
    form = DashboardForm(
        request.GET or None,
        kinds=kinds,
        municipalities=municipalities,
        funders=funders,
    )
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    start = chosen.get("start") or today.replace(month=1, day=1)
    end = chosen.get("end") or today.replace(day=1)
    scope = {
        "kind": chosen.get("kind") or "",
        "municipality": chosen.get("municipality") or "",
        "funder": chosen.get("funder"),
    }
    names, matrix, totals = dashboard_rows(start=start, end=end, today=today, **scope)
    shown = suppress(matrix)
    trend = monthly_trend(start=start, end=end, **scope)
    return TemplateResponse(
        request,
        "reporting/operator_dashboard.html",
        {
            "form": form,
            "columns": [label for _key, label in COLUMNS],
            "rows": list(zip(names, shown, strict=True)),
            "totals": totals,
            "trend": trend,
            "trend_chart": bar_chart(trend) if trend.rows else "",
            "failed": failed_snapshots(),
            "start": start,
            "end": end,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
