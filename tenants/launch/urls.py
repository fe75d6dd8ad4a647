from django.urls import path

from tenants.launch import views

urlpatterns = [
    path("", views.apply_view, name="apply"),
    path("skickad/", views.applied_view, name="applied"),
    path("adress/", views.subdomain_check_view, name="subdomain-check"),
    path("bekrafta/<str:token>/", views.confirm_view, name="confirm"),
    path("status/<str:token>/", views.status_view, name="status"),
]
