"""Host routing: which tenant a request belongs to, and what it may see."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import get_public_schema_name
from wagtail.contrib.redirects.middleware import RedirectMiddleware

from tenants.models import Domain, Tenant

# Paths a suspended tenant's host still answers: its staff and operator support can
# sign in (with the second step their group needs), pay and get their data out;
# the public site shows the notice.
SUSPENDED_ALLOWED_PREFIXES = ("/admin/", "/mfa/", "/support/", "/static/")


def _page(template: str, status: int, context: dict | None = None) -> HttpResponse:
    return HttpResponse(render_to_string(template, context or {}), status=status)


class HealthCheckMiddleware:
    """Answers before any tenant lookup: load balancer checks and the TLS proxy's
    question whether a host may get a certificate (Caddy on-demand TLS `ask`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return HttpResponse("ok", content_type="text/plain")
        if request.path == "/_tls/allowed":
            host = (request.GET.get("domain") or "").strip().lower()
            known = host == settings.PLATFORM_PUBLIC_DOMAIN or (
                Domain.objects.filter(domain=host, tenant__schema_ready=True)
                .exclude(tenant__status=Tenant.Status.ARCHIVED)
                .exists()
            )
            return JsonResponse(
                {"domain": host, "allowed": known}, status=200 if known else 404
            )
        return self.get_response(request)


class PlatformTenantMiddleware(TenantMainMiddleware):
    """django-tenants' host routing, with a plain 404 page for unknown hosts."""

    def no_tenant_found(self, request, hostname):
        return _page("tenants/unknown_host.html", 404)


class TenantStatusMiddleware:
    """A suspended tenant's public site answers 503 with a notice; data stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if tenant is None or tenant.is_public:
            return self.get_response(request)
        if not tenant.schema_ready:
            return _page(
                "tenants/unavailable.html", 503, {"tenant": tenant, "reason": "setup"}
            )
        if tenant.status == Tenant.Status.ARCHIVED:
            return _page(
                "tenants/unavailable.html",
                410,
                {"tenant": tenant, "reason": "archived"},
            )
        if tenant.status == Tenant.Status.SUSPENDED and not request.path.startswith(
            SUSPENDED_ALLOWED_PREFIXES
        ):
            response = _page(
                "tenants/unavailable.html",
                503,
                {"tenant": tenant, "reason": "suspended"},
            )
            response["Retry-After"] = "86400"
            return response
        return self.get_response(request)


class OperatorLanguageMiddleware:
    """The operator console is Swedish unless the operator chose English (the
    language form in its header sets Django's language cookie); a browser's
    Accept-Language does not decide it. Tenant hosts are left to LocaleMiddleware
    (the site's URL prefix, the Wagtail admin's user preference)."""

    CONSOLE_LANGUAGES = ("sv", "en")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if tenant is not None and tenant.schema_name == get_public_schema_name():
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen if chosen in self.CONSOLE_LANGUAGES else "sv"
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class TenantRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects (its 404 handling) on a tenant's host only: the public
    schema has no Wagtail tables, and a 404 of the operator console stays a 404."""

    def process_response(self, request, response):
        if connection.schema_name == get_public_schema_name():
            return response
        return super().process_response(request, response)


class SupportAuditMiddleware:
    """In an operator's support session on a tenant's host, every request that
    could change something (any method but GET, HEAD, OPTIONS) is written to the
    platform's audit log with its path and outcome."""

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if request.method in self.SAFE_METHODS or session is None:
            return response
        support_access_id = session.get("support_access_id")
        if support_access_id and getattr(request, "tenant", None) is not None:
            from config.client_address import client_address
            from tenants.services.support import support_change_record

            support_change_record(
                support_access_id=support_access_id,
                tenant=request.tenant,
                method=request.method,
                path=request.path,
                status=response.status_code,
                ip_address=client_address(request),
            )
        return response
