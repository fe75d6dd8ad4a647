from django.urls import path

from reporting.operator_views import dashboard_view

app_name = "reports"

urlpatterns = [path("", dashboard_view, name="dashboard")]
