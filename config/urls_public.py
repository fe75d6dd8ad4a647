"""URLs of the public host: the platform's own page and the application to launch
a site, the operator console, the operator's Django admin and Stripe's webhook."""

from django.contrib import admin
from django.urls import include, path

from tenants.billing.views import stripe_webhook_view
from tenants.launch import views as launch

urlpatterns = [
    path("", launch.home_view, name="launch-home"),
    path("ansok/", include(("tenants.launch.urls", "launch"))),
    path("operator/admin/", admin.site.urls),
    path("operator/reports/", include("reporting.urls_operator")),
    path("operator/", include("tenants.urls_operator")),
    path("mfa/", include("tenants.urls_mfa")),
    path("billing/stripe/webhook/", stripe_webhook_view, name="stripe_webhook"),
    # The console's language form (Swedish by default, English by choice).
    path("i18n/", include("django.conf.urls.i18n")),
]
