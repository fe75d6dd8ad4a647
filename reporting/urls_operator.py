from django.urls import path

from reporting.funder_views import operator_funder_report_view
from reporting.operator_views import dashboard_view

app_name = "reports"

urlpatterns = [
    path("", dashboard_view, name="dashboard"),
    path("funders/", operator_funder_report_view, name="funders"),
]
