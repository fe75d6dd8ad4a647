"""How billing changes a tenant's status: through tenant_status_set (audited,
the page cache renewed) and told to the tenant's administrators after commit."""

from django.db import transaction

from tenants.billing.notify import billing_change_tell_later
from tenants.models import Tenant
from tenants.services.provisioning import tenant_status_set


def billing_status_move(tenant: Tenant, *, to: str, actor: str) -> None:
    before = tenant.status
    tenant_status_set(tenant=tenant, status=to, actor_username=actor)
    billing_change_tell_later(tenant, before=before, after=to)


def suspend_if_still(tenant_id: int, *, was: str, actor: str) -> bool:
    """Suspend the tenant if it is still `was`, read with its row locked (one that
    paid a moment ago is not); whether it was suspended."""
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().get(pk=tenant_id)
        if tenant.status != was:
            return False
        billing_status_move(tenant, to=Tenant.Status.SUSPENDED, actor=actor)
    return True
