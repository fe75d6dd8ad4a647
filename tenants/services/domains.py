"""Domains of a tenant: the primary host and aliases (custom domains)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from tenants.models import AuditLogEntry, Domain, Tenant
from tenants.services.provisioning import DOMAIN_TAKEN, provisioning_hooks_run


def tenant_domain_add(
    *, tenant: Tenant, host: str, primary: bool = False, actor_username: str = ""
) -> Domain:
    from tenants.validators import normalise_host

    try:
        host = normalise_host(host)
    except ValidationError as error:
        raise ApplicationError(error.messages[0], {"field": "domain"}) from None
    if (
        Domain.objects.filter(domain=host).exists()
        or host == settings.PLATFORM_PUBLIC_DOMAIN
    ):
        raise ApplicationError(DOMAIN_TAKEN.format(host=host), {"field": "domain"})
    with transaction.atomic():
        domain = Domain.objects.create(domain=host, tenant=tenant, is_primary=primary)
        AuditLogEntry.objects.create(
            action=AuditLogEntry.Action.DOMAIN_ADDED,
            actor_username=actor_username,
            tenant=tenant,
            detail={"domain": host, "primary": domain.is_primary},
        )
        if domain.is_primary:
            with tenant_context(tenant):
                provisioning_hooks_run("primary_domain", tenant=tenant, hostname=host)
    return domain
