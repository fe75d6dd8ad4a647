from django.urls import path

from tenants.mfa import views

urlpatterns = [
    path("", views.mfa_verify_view, name="mfa-verify"),
    path("installera/", views.mfa_setup_view, name="mfa-setup"),
]
