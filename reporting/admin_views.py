"""The coordinators' report page in the tenant's Wagtail admin: a program and a
period, its figures as charts beside tables, each table as CSV and all of them
as one XLSX workbook."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.figures import program_figures_by_id, programs_reported
from reporting.charts import bar_chart
from reporting.exports import table_csv, tables_xlsx
from reporting.snapshots import snapshot_of
from reporting.tables import figure_tables

SEES_REPORTS = "matching.view_program"
LONGEST_PERIOD_DAYS = 5 * 366


class PeriodForm(forms.Form):
    program = forms.TypedChoiceField(label=gettext_lazy("Program"), coerce=int)
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To and with"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = programs

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days > LONGEST_PERIOD_DAYS:
                raise forms.ValidationError(_("Choose a period of at most five years."))
        return data


def _defaults(programs) -> dict:
    today = timezone.localdate()
    return {
        "program": programs[0][0] if programs else None,
        "start": today.replace(month=1, day=1),
        "end": today,
    }


def _filename(figures, suffix: str) -> str:
    last = figures.end - timedelta(days=1)
    return f"rapport-{figures.program_id}-{figures.start}-{last}.{suffix}"


def program_report_view(request):
    if not request.user.has_perm(SEES_REPORTS):
        raise PermissionDenied
    programs = programs_reported()
    data = request.GET if "program" in request.GET else None
    form = PeriodForm(data, programs=programs, initial=_defaults(programs))
    figures = tables = None
    if programs:
        if data is None:
            chosen = _defaults(programs)
        elif form.is_valid():
            chosen = form.cleaned_data
        else:
            chosen = None
        if chosen is not None:
            figures = program_figures_by_id(
                program_id=chosen["program"],
                start=chosen["start"],
                end=chosen["end"] + timedelta(days=1),
            )
            tables = figure_tables(figures) if figures is not None else None
    if tables is not None:
        wanted = request.GET.get("format")
        if wanted == "xlsx":
            response = HttpResponse(
                tables_xlsx(tables),
                content_type="application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="{_filename(figures, "xlsx")}"'
            )
            return response
        if wanted == "csv":
            table = next((t for t in tables if t.key == request.GET.get("table")), None)
            if table is not None:
                response = HttpResponse(
                    table_csv(table), content_type="text/csv; charset=utf-8"
                )
                response["Content-Disposition"] = (
                    f'attachment; filename="{table.key}-{_filename(figures, "csv")}"'
                )
                return response
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    if data is None and figures is not None:
        query.update(
            {
                "program": figures.program_id,
                "start": figures.start.isoformat(),
                "end": (figures.end - timedelta(days=1)).isoformat(),
            }
        )
    return TemplateResponse(
        request,
        "reporting/program_report.html",
        {
            "form": form,
            "figures": figures,
            "last_day": figures.end - timedelta(days=1) if figures else None,
            "tables": [
                (table, bar_chart(table) if table.chart else "")
                for table in tables or []
            ],
            "query": query.urlencode(),
            "has_programs": bool(programs),
            "snapshot": snapshot_of(request.tenant),
        },
        status=400 if data is not None and form.errors else 200,
    )


def snapshot_refresh_view(request):
    """A coordinator's "refresh": this tenant's counts for the operator's reports
    are built again now, by a worker (the same task the nightly run starts)."""
    if not request.user.has_perm(SEES_REPORTS):
        raise PermissionDenied
    if request.method == "POST":
        from reporting.tasks import snapshot_tenant

        try:
            snapshot_tenant.delay(request.tenant.pk)
        except Exception:  # noqa: BLE001 - the broker is down: say so, lose nothing
            messages.error(request, _("The refresh could not start; try again later."))
        else:
            messages.success(
                request,
                _("The figures for the platform's reports are being refreshed."),
            )
    return redirect("reporting_program_report")
