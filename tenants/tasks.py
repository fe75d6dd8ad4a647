from celery import shared_task
from django.db import OperationalError

# Registered with the worker from where it is defined.
from tenants.billing.einvoices import einvoice_send_task  # noqa: F401
from tenants.billing.notify import administrators_tell_task  # noqa: F401
from tenants.launch.provision import application_provision_task  # noqa: F401
from tenants.mail import mail_task  # noqa: F401


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def tenant_usage_refresh(tenant_id: int) -> dict | None:
    """Refresh one tenant's usage counts. Runs with the public schema active and
    switches to the tenant's schema explicitly by id, never by an implicit context."""
    from tenants.models import Tenant
    from tenants.services.usage import tenant_usage_refresh as refresh

    tenant = Tenant.objects.filter(pk=tenant_id, schema_ready=True).first()
    if tenant is None:  # deleted, or not ready any more: nothing to count
        return None
    usage = refresh(tenant=tenant)
    return {"tenant": tenant.slug, "pages": usage.pages, "users": usage.users}


@shared_task(acks_late=True)
def tenant_usage_refresh_all() -> int:
    """Beat job: fan out one task per tenant whose schema is ready."""
    from tenants.selectors import tenants_ready

    ids = list(tenants_ready().values_list("pk", flat=True))
    for tenant_id in ids:
        tenant_usage_refresh.delay(tenant_id)
    return len(ids)


@shared_task(acks_late=True)
def billing_overdue_suspend() -> int:
    """Daily: past-due tenants whose grace period is over are suspended."""
    from tenants.billing.overdue import overdue_suspend
    from tenants.integrations.stripe import billing_configured

    return overdue_suspend() if billing_configured() else 0


@shared_task(acks_late=True)
def billing_trials_handle() -> dict:
    """Daily: trial-end notices (14 and 3 days before) and trials ended unpaid."""
    from tenants.billing.trials import trials_handle
    from tenants.integrations.stripe import billing_configured

    return trials_handle() if billing_configured() else {}


@shared_task(acks_late=True)
def einvoices_send_due() -> int:
    """Every 5 minutes: e-invoices due to be sent (again) to the access point."""
    from tenants.billing.einvoices import einvoices_send_due as send_due

    return send_due()


@shared_task(acks_late=True)
def own_domains_check() -> int:
    """Hourly: ask DNS about the tenants' own domains (served once they verify)."""
    from tenants.launch.own_domains import own_domains_check_all

    return own_domains_check_all()
