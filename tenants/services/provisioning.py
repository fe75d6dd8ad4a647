"""Creating tenants: validate, clone the template, set up the site; all or nothing."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_exists, tenant_context

from config.errors import ApplicationError
from tenants.models import AuditLogEntry, Domain, Tenant
from tenants.services.schema_clone import schema_clone
from tenants.validators import normalise_host, validate_slug

logger = logging.getLogger(__name__)

SLUG_TAKEN = _("The slug {slug!r} is already taken by another tenant.")
DOMAIN_TAKEN = _("The domain {host!r} already belongs to a tenant.")
NAME_REQUIRED = _("A tenant needs a name (at most 200 characters).")
KIND_INVALID = _("Unknown kind {kind!r}: choose municipality or partnership.")
STATUS_INVALID = _("Unknown status {status!r}: choose one of {choices}.")
TEMPLATE_MISSING = _(
    "The tenant template schema does not exist yet: run `python manage.py "
    "migrate_platform` first."
)


def schema_name_for(slug: str) -> str:
    return slug.replace("-", "_")


def default_domain_for(slug: str) -> str:
    return f"{slug}{settings.PLATFORM_TENANT_DOMAIN_SUFFIX}"


def provisioning_hooks_run(kind: str, **kwargs) -> None:
    """Call the other apps' set-up functions (settings.PLATFORM_TENANT_HOOKS).

    `tenants` imports nothing from cms or themes; they register here instead.
    """
    for path in settings.PLATFORM_TENANT_HOOKS[kind]:
        import_string(path)(**kwargs)


def _validated(*, slug: str, name: str, domain: str | None, kind: str, status: str):
    slug = (slug or "").strip().lower()
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise ApplicationError(error.messages[0], {"field": "slug"}) from None
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise ApplicationError(NAME_REQUIRED, {"field": "name"})
    if kind not in {Tenant.Kind.MUNICIPALITY, Tenant.Kind.PARTNERSHIP}:
        raise ApplicationError(KIND_INVALID.format(kind=kind), {"field": "kind"})
    if status not in Tenant.Status.values:
        raise ApplicationError(
            STATUS_INVALID.format(
                status=status, choices=", ".join(Tenant.Status.values)
            ),
            {"field": "status"},
        )
    try:
        host = normalise_host(domain or default_domain_for(slug))
    except ValidationError as error:
        raise ApplicationError(error.messages[0], {"field": "domain"}) from None
    return slug, name, host


def tenant_provision(
    *,
    slug: str,
    name: str,
    domain: str | None = None,
    kind: str = Tenant.Kind.MUNICIPALITY,
    status: str = Tenant.Status.TRIAL,
    actor_username: str = "",
) -> Tenant:
    """Create a working tenant: schema cloned from the template, primary domain,
    Wagtail Site with a home page carrying the tenant's name, default theme.

    Everything happens in one transaction (PostgreSQL DDL is transactional), so a
    failure leaves no tenant row, no domain and no half-made schema behind.
    """
    slug, name, host = _validated(
        slug=slug, name=name, domain=domain, kind=kind, status=status
    )
    schema = schema_name_for(slug)
    if Tenant.objects.filter(slug=slug).exists() or schema_exists(schema):
        raise ApplicationError(SLUG_TAKEN.format(slug=slug), {"field": "slug"})
    if (
        Domain.objects.filter(domain=host).exists()
        or host == settings.PLATFORM_PUBLIC_DOMAIN
    ):
        raise ApplicationError(DOMAIN_TAKEN.format(host=host), {"field": "domain"})
    if not schema_exists(settings.TENANT_BASE_SCHEMA):
        raise ApplicationError(TEMPLATE_MISSING)

    started = time.perf_counter()
    connection.set_schema_to_public()
    try:
        with transaction.atomic():
            tenant = Tenant(
                slug=slug, name=name, kind=kind, status=status, schema_name=schema
            )
            if status == Tenant.Status.TRIAL:  # the operator may move the day
                tenant.trial_ends_at = timezone.localdate() + timedelta(
                    days=settings.TRIAL_DAYS
                )
            tenant.save()
            Domain.objects.create(domain=host, tenant=tenant, is_primary=True)
            schema_clone(source=settings.TENANT_BASE_SCHEMA, target=schema)
            with tenant_context(tenant):
                provisioning_hooks_run("tenant", tenant=tenant, hostname=host)
            tenant.schema_ready = True
            tenant.save(update_fields=["schema_ready"])
            AuditLogEntry.objects.create(
                action=AuditLogEntry.Action.TENANT_PROVISIONED,
                actor_username=actor_username,
                tenant=tenant,
                detail={"slug": slug, "domain": host, "kind": kind},
            )
    except IntegrityError:
        # Two operators racing for the same slug or domain: the loser gets this.
        raise ApplicationError(
            SLUG_TAKEN.format(slug=slug), {"field": "slug"}
        ) from None
    finally:
        connection.set_schema_to_public()
    logger.info("provisioned tenant %s in %.2f s", slug, time.perf_counter() - started)
    return tenant


def tenant_status_set(
    *, tenant: Tenant, status: str, actor_username: str = ""
) -> Tenant:
    if tenant.is_public:
        raise ApplicationError(_("The operator's own schema has no status to change."))
    if status not in Tenant.Status.values:
        raise ApplicationError(
            STATUS_INVALID.format(
                status=status, choices=", ".join(Tenant.Status.values)
            )
        )
    previous = tenant.status
    if previous == status:
        return tenant
    with transaction.atomic():
        tenant.status = status
        tenant.save(update_fields=["status", "updated_at"])
        AuditLogEntry.objects.create(
            action=AuditLogEntry.Action.TENANT_STATUS_CHANGED,
            actor_username=actor_username,
            tenant=tenant,
            detail={"from": previous, "to": status},
        )
    provisioning_hooks_run("status_changed", tenant=tenant)
    return tenant
