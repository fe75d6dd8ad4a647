from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from tenants.models import AuditLogEntry, Domain, PartnerOrganisation, Tenant


def tenant_list(*, search: str = "", status: str = "") -> QuerySet[Tenant]:
    tenants = (
        Tenant.objects.exclude(schema_name="public")
        .select_related("usage")
        .prefetch_related(
            Prefetch(
                "domains", queryset=Domain.objects.order_by("-is_primary", "domain")
            )
        )
    )
    if search:
        tenants = tenants.filter(
            Q(name__icontains=search)
            | Q(slug__icontains=search)
            | Q(domains__domain__icontains=search)
        ).distinct()
    if status:
        tenants = tenants.filter(status=status)
    return tenants.order_by("name")


def tenants_ready() -> QuerySet[Tenant]:
    """Tenants whose schema is complete: what beat jobs and reports iterate over."""
    return Tenant.objects.exclude(schema_name="public").filter(schema_ready=True)


def audit_log_list(*, tenant: Tenant | None = None) -> QuerySet[AuditLogEntry]:
    entries = AuditLogEntry.objects.select_related("tenant")
    if tenant is not None:
        entries = entries.filter(tenant=tenant)
    return entries


def tenant_primary_host(tenant: Tenant) -> str | None:
    domain = tenant.domains.filter(is_primary=True).first()
    return domain.domain if domain else None


def site_url(host: str) -> str:
    """The address of a tenant's site on `host`, as links in e-mails and on the
    platform's page give it (PLATFORM_SITE_PORT: 443 is https, 80 plain http)."""
    port = settings.PLATFORM_SITE_PORT
    scheme = "https" if port == 443 else "http"
    return f"{scheme}://{host}" + ("" if port in (80, 443) else f":{port}")


def tenant_funders(tenant: Tenant) -> QuerySet[PartnerOrganisation]:
    """The organisations that fund programs of `tenant`: its partners with the
    role funder."""
    return PartnerOrganisation.objects.filter(
        role=PartnerOrganisation.Role.FUNDER, partnership__tenant=tenant
    ).order_by("name")


def funder_choices() -> list[tuple[int, str]]:
    """The current tenant's funders, for a program's form."""
    return [(org.pk, org.name) for org in tenant_funders(connection.tenant)]
