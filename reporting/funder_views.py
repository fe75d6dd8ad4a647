"""A funder's report on a page, with its downloads (CSV, XLSX, PDF): for the
operator across tenants (/operator/reports/funders/) and for a tenant's staff
over its own programs (/admin/rapporter/finansiarer/). Both read the snapshots."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation

from reporting.admin_views import SEES_REPORTS
from reporting.charts import bar_chart
from reporting.forms import FunderReportForm
from reporting.funder_exports import report_csv, report_xlsx
from reporting.funder_pdf import report_pdf
from reporting.funder_reports import funder_report, funders_reported, report_heading

DOWNLOADS = {
    "csv": (report_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        report_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": (report_pdf, "application/pdf"),
}


def _page(request, *, tenant, template: str):
    funders = funders_reported(tenant=tenant)
    form = FunderReportForm(
        request.GET or None, funders=[(org.pk, org.name) for org in funders]
    )
    report = None
    if form.is_bound and form.is_valid():
        start, end = form.period(timezone.localdate())
        funder = funders.get(pk=form.cleaned_data["funder"])
        wanted = request.GET.get("format")
        if wanted in DOWNLOADS:
            write, content_type = DOWNLOADS[wanted]
            with translation.override("sv"):  # funders read Swedish
                report = funder_report(
                    funder=funder, start=start, end=end, tenant=tenant
                )
                response = HttpResponse(write(report), content_type=content_type)
            response["Content-Disposition"] = (
                f'attachment; filename="{report.file_name}.{wanted}"'
            )
            return response
        report = funder_report(funder=funder, start=start, end=end, tenant=tenant)
    query = request.GET.copy()
    query.pop("format", None)
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "has_funders": funders.exists(),
            "report": report,
            "report_lines": report_heading(report) if report else [],
            "tables": [
                (table, bar_chart(table) if table.chart else "")
                for table in (report.tables if report else [])
            ],
            "query": query.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@permission_required("reporting.view_snapshotfigure", raise_exception=True)
def operator_funder_report_view(request):
    return _page(request, tenant=None, template="reporting/operator_funder_report.html")


def tenant_funder_report_view(request):
    if not request.user.has_perm(SEES_REPORTS):
        raise PermissionDenied
    return _page(
        request, tenant=request.tenant, template="reporting/funder_report.html"
    )
