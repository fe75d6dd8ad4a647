from django.urls import path

from reporting.api import ProgramReportApi

urlpatterns = [
    path(
        "programs/<int:program_id>/",
        ProgramReportApi.as_view(),
        name="api-program-report",
    )
]
