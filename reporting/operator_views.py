"""The operator's reports on the public host (/operator/reports/): every tenant
side by side from the snapshots, with the platform's exact totals, filters by
period, program kind and municipality, the trend month by month, and the tenants
whose last snapshot failed. Small cells are suppressed (reporting.suppression)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.template.response import TemplateResponse
from django.utils import timezone

from reporting.charts import bar_chart
from reporting.dashboard import (
    COLUMNS,
    dashboard_rows,
    failed_snapshots,
    filter_choices,
    monthly_trend,
)
from reporting.forms import DashboardForm
from reporting.suppression import suppress


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
    start, end = form.period(today)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
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
