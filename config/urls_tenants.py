"""URLs of a tenant's host: its Wagtail site and admin, support sign-in, its media."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from tenants import views_tenant

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("mfa/", include("tenants.urls_mfa")),
    path(
        "support/signin/<str:token>/",
        views_tenant.support_signin_view,
        name="support-signin",
    ),
    re_path(
        r"^media/(?P<schema>[a-z0-9_]+)/(?P<path>.+)$",
        views_tenant.tenant_media_view,
        name="tenant-media",
    ),
    path("api/v1/staff/reports/", include("reporting.api_urls")),
    path("api/", include("matching.api.urls")),
    path("sitemap.xml", cms_views.sitemap_view, name="sitemap"),
    path("robots.txt", cms_views.robots_txt_view, name="robots-txt"),
]
# The site and the participants' pages: Swedish at /, each other language under
# its prefix (/en/, /ar/, ...), the pages in Wagtail's i18n page trees.
urlpatterns += i18n_patterns(
    path("sok/", cms_views.search_view, name="search"),
    path("", include("matching.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
