"""The sites listed on the platform's public page: live tenants that agreed to
be listed, with their logo (from their theme, through a hook) and address."""

from django.conf import settings
from django.utils.module_loading import import_string
from django_tenants.utils import tenant_context

from tenants.models import Tenant
from tenants.selectors import site_url, tenant_primary_host

SERVING = [Tenant.Status.TRIAL, Tenant.Status.ACTIVE, Tenant.Status.PAST_DUE]


def listed_sites() -> list[dict]:
    sites = []
    logo_of = import_string(settings.PLATFORM_TENANT_HOOKS["listing_logo"][0])
    for tenant in Tenant.objects.filter(
        listed=True, schema_ready=True, status__in=SERVING
    ).order_by("name"):
        host = tenant_primary_host(tenant)
        if not host:
            continue
        with tenant_context(tenant):
            logo = logo_of(tenant=tenant)
        sites.append(
            {
                "name": tenant.name,
                "url": f"{site_url(host)}/",
                "logo": logo,
                "kind": tenant.get_kind_display(),
            }
        )
    return sites
