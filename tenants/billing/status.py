"""How billing changes a tenant's status: through tenant_status_set (audited,
the page cache renewed) and told to the tenant's administrators after commit."""

from django.db import transaction

from tenants.billing.notify import billing_change_tell_later
from tenants.models import Tenant
from tenants.services.provisioning import tenant_status_set

STRIPE = "stripe"  # the audit actor of what Stripe says
# What a subscription's state at Stripe makes of the tenant.
STATUS_OF = {
    "trialing": Tenant.Status.TRIAL,
    "active": Tenant.Status.ACTIVE,
    "past_due": Tenant.Status.PAST_DUE,
    "unpaid": Tenant.Status.PAST_DUE,
    "canceled": Tenant.Status.SUSPENDED,
    "incomplete_expired": Tenant.Status.SUSPENDED,
    "paused": Tenant.Status.SUSPENDED,
}
# Only paying lifts a suspension: an unpaid invoice keeps it (the grace period
# is over), and billing never touches an archived tenant.
LEAVES_SUSPENSION = {Tenant.Status.ACTIVE, Tenant.Status.TRIAL}


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


def billing_status_apply(
    tenant: Tenant, subscription_status: str, *, actor: str = STRIPE
) -> str:
    """The tenant's status as its subscription's state makes it; what changed."""
    wanted = STATUS_OF.get(subscription_status)
    if wanted is None:
        return f"kept {tenant.status}: subscription {subscription_status}"
    if tenant.status == Tenant.Status.ARCHIVED or (
        tenant.status == Tenant.Status.SUSPENDED and wanted not in LEAVES_SUSPENSION
    ):
        return f"kept {tenant.status}: subscription {subscription_status}"
    before = tenant.status
    if before == wanted:
        return f"kept {wanted}"
    billing_status_move(tenant, to=wanted, actor=actor)
    return f"{before} -> {wanted}"
