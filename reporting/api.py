"""The staff API's report: a program's figures for a period as the same tables the
Rapporter page shows (GET /api/v1/staff/reports/programs/<id>/?start=&end=)."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from matching.figures import program_figures_by_id
from reporting.admin_views import LONGEST_PERIOD_DAYS, SEES_REPORTS
from reporting.tables import figure_tables


class SeesReports(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(SEES_REPORTS))


class PeriodQuery(forms.Form):
    start = forms.DateField()
    end = forms.DateField()


class TableOutput(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    headers = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField())


class ReportOutput(serializers.Serializer):
    program_id = serializers.IntegerField()
    program = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(help_text="The last day of the period.")
    tables = TableOutput(many=True)


class ProgramReportApi(APIView):
    """A program's figures for [start, end] (dates, both days included): counts
    only, the tables of the Rapporter page."""

    permission_classes = [SeesReports]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, description="YYYY-MM-DD", required=True),
            OpenApiParameter("end", str, description="YYYY-MM-DD", required=True),
        ],
        responses=ReportOutput,
    )
    def get(self, request, program_id: int):
        query = PeriodQuery(request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        start, end = query.cleaned_data["start"], query.cleaned_data["end"]
        if end < start:
            raise ValidationError({"end": [_("The period ends before it starts.")]})
        if (end - start).days > LONGEST_PERIOD_DAYS:
            raise ValidationError(
                {"end": [_("Choose a period of at most five years.")]}
            )
        figures = program_figures_by_id(
            program_id=program_id, start=start, end=end + timedelta(days=1)
        )
        if figures is None:
            raise NotFound(_("No such program."))
        return Response(
            ReportOutput(
                {
                    "program_id": figures.program_id,
                    "program": figures.program,
                    "start": start,
                    "end": end,
                    "tables": figure_tables(figures),
                }
            ).data
        )
