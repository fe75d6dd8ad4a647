"""Who the operator is, for e-mail about applications (tenants.mail sends it)."""

from django.conf import settings


def operator_addresses() -> list[str]:
    """Where the operator is told: LAUNCH_OPERATOR_EMAILS, else the operator
    group's members (public schema)."""
    from django.contrib.auth import get_user_model

    from tenants.roles import OPERATORS

    if settings.LAUNCH_OPERATOR_EMAILS:
        return list(settings.LAUNCH_OPERATOR_EMAILS)
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name=OPERATORS)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
