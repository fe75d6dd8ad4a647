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


def _download(request, figures, tables) -> HttpResponse | None:
    """The XLSX of every table (?format=xlsx) or one table's CSV (?format=csv&
    table=key); None when neither is asked for."""
    last = figures.end - timedelta(days=1)
    name = f"rapport-{figures.program_id}-{figures.start}-{last}"
    wanted = request.GET.get("format")
    if wanted == "xlsx":
        response = HttpResponse(
            tables_xlsx(tables),
            content_type="application/vnd.openxmlformats-officedocument"
            ".spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    table = next((t for t in tables if t.key == request.GET.get("table")), None)
    if wanted == "csv" and table is not None:
        response = HttpResponse(
            table_csv(table), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{table.key}-{name}.csv"'
        )
        return response
    return None


def program_report_view(request):
    if not request.user.has_perm(SEES_REPORTS):
        raise PermissionDenied
    programs = programs_reported()
    defaults = _defaults(programs)
    data = request.GET if "program" in request.GET else None
    form = PeriodForm(data, programs=programs, initial=defaults)
    figures = None
    tables = []
    if programs:
        chosen = defaults if data is None else (form.is_valid() and form.cleaned_data)
        if chosen:
            figures = program_figures_by_id(
                program_id=chosen["program"],
                start=chosen["start"],
                end=chosen["end"] + timedelta(days=1),
            )
    if figures is not None:
        tables = figure_tables(figures)
        download = _download(request, figures, tables)
        if download is not None:
            return download
    last_day = figures.end - timedelta(days=1) if figures else None
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    if data is None and figures is not None:
        query.update(
            {
                "program": figures.program_id,
                "start": figures.start.isoformat(),
                "end": last_day.isoformat(),
            }
        )
    return TemplateResponse(
        request,
        "reporting/program_report.html",
        {
            "form": form,
            "figures": figures,
            "last_day": last_day,
            "tables": [
                (table, bar_chart(table) if table.chart else "") for table in tables
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
