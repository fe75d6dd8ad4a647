from django.contrib.auth import views as auth_views
from django.urls import path

from tenants import views_operator
from tenants.billing import plan_views
from tenants.launch import operator_views as application_views

app_name = "operator"

urlpatterns = [
    path("", views_operator.tenant_list_view, name="tenant-list"),
    path(
        "login/",
        # Signed in without a ?next=: to the console (Django's default,
        # /accounts/profile/, is no page of ours).
        auth_views.LoginView.as_view(
            template_name="tenants/operator/login.html",
            next_page="operator:tenant-list",
        ),
        name="login",
    ),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page="operator:login"),
        name="logout",
    ),
    path("tenants/new/", views_operator.tenant_provision_view, name="tenant-provision"),
    path(
        "tenants/<slug:slug>/", views_operator.tenant_detail_view, name="tenant-detail"
    ),
    path(
        "tenants/<slug:slug>/status/",
        views_operator.tenant_status_view,
        name="tenant-status",
    ),
    path(
        "tenants/<slug:slug>/domains/",
        views_operator.tenant_domain_view,
        name="tenant-domain",
    ),
    path(
        "tenants/<slug:slug>/support/",
        views_operator.tenant_support_view,
        name="tenant-support",
    ),
    path(
        "tenants/<slug:slug>/subscription/",
        views_operator.tenant_subscription_view,
        name="tenant-subscription",
    ),
    path(
        "tenants/<slug:slug>/checkout/",
        views_operator.tenant_checkout_view,
        name="tenant-checkout",
    ),
    path(
        "tenants/<slug:slug>/e-invoices/<int:pk>.xml",
        views_operator.tenant_einvoice_download_view,
        name="tenant-einvoice",
    ),
    path(
        "tenants/<slug:slug>/e-invoices/<int:pk>/send/",
        views_operator.tenant_einvoice_send_view,
        name="tenant-einvoice-send",
    ),
    path("plans/", plan_views.plan_list_view, name="plan-list"),
    path("plans/new/", plan_views.plan_edit_view, name="plan-new"),
    path("plans/<int:pk>/", plan_views.plan_edit_view, name="plan-edit"),
    path("plans/<int:pk>/publish/", plan_views.plan_publish_view, name="plan-publish"),
    path(
        "applications/",
        application_views.application_list_view,
        name="application-list",
    ),
    path(
        "applications/<int:pk>/",
        application_views.application_detail_view,
        name="application-detail",
    ),
    path(
        "applications/<int:pk>/approve/",
        application_views.application_approve_view,
        name="application-approve",
    ),
    path(
        "applications/<int:pk>/decline/",
        application_views.application_decline_view,
        name="application-decline",
    ),
    path("audit/", views_operator.audit_log_view, name="audit-log"),
]
