"""URLs of the public host: the operator console and the operator's Django admin."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/operator/", permanent=False)),
    path("operator/admin/", admin.site.urls),
    path("operator/reports/", include("reporting.urls_operator")),
    path("operator/", include("tenants.urls_operator")),
    path("mfa/", include("tenants.urls_mfa")),
    # The console's language form (Swedish by default, English by choice).
    path("i18n/", include("django.conf.urls.i18n")),
]
