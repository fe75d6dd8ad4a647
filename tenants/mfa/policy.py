"""Who must pass the second step before reaching a staff screen or a token."""

from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name


def mfa_applies(user, *, tenant=None) -> bool:
    """`tenant` None: the operator's staff (public schema)."""
    if not settings.MFA_ENFORCED or user is None or not user.is_authenticated:
        return False
    if tenant is None:
        return user.is_staff
    policy = getattr(tenant, "mfa_policy", "personal_data")
    if policy == "none":
        return False
    if policy == "all_staff":
        return user.is_staff or user.groups.exists()
    return (
        user.is_superuser
        or user.groups.filter(name__in=settings.STAFF_PERSONAL_DATA_GROUPS).exists()
    )


def mfa_required(request) -> bool:
    if request.session.get("support_access_id"):
        # An operator in support passed their own second step in the console.
        return False
    public = connection.schema_name == get_public_schema_name()
    return mfa_applies(
        getattr(request, "user", None),
        tenant=None if public else getattr(request, "tenant", None),
    )
