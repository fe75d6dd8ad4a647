"""The operator's staff group in the public schema, with exactly the permissions
the console and its Django admin need: tenants, domains, partners, support access,
the audit log, and unlocking sign-ins or resetting two-step devices of operator
staff. Re-made by `migrate_platform` (tenant_roles_sync), like the tenants' groups.
Operator staff are members of it, not superusers; the one superuser a tenant has
is the support user an operator's support link signs in as."""

from django.contrib.auth.models import Group, Permission

OPERATORS = "Operatörer"

OPERATOR_PERMISSIONS = [
    ("tenants", "view_tenant"),
    ("tenants", "add_tenant"),
    ("tenants", "change_tenant"),
    ("tenants", "view_domain"),
    ("tenants", "add_domain"),
    ("tenants", "view_partnerorganisation"),
    ("tenants", "add_partnerorganisation"),
    ("tenants", "change_partnerorganisation"),
    ("tenants", "view_partnership"),
    ("tenants", "add_partnership"),
    ("tenants", "change_partnership"),
    ("tenants", "delete_partnership"),
    ("tenants", "view_supportaccess"),
    ("tenants", "add_supportaccess"),
    ("tenants", "view_auditlogentry"),
    ("tenants", "view_tenantusage"),
    ("tenants", "view_billingaccount"),  # which Stripe customer pays for a tenant
    ("tenants", "add_billingaccount"),
    ("tenants", "change_billingaccount"),
    ("tenants", "view_stripeevent"),
    ("tenants", "view_checkoutstart"),
    ("tenants", "view_einvoice"),
    ("tenants", "view_application"),  # applications to launch a site
    ("tenants", "change_application"),
    ("tenants", "view_owndomain"),
    ("tenants", "view_plan"),
    ("tenants", "add_plan"),
    ("tenants", "change_plan"),
    ("reporting", "view_snapshotfigure"),  # the cross-tenant reports, counts only
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("otp_totp", "view_totpdevice"),
    ("otp_totp", "delete_totpdevice"),
    ("otp_static", "view_staticdevice"),
    ("otp_static", "delete_staticdevice"),
]


def operator_group_ensure() -> Group:
    """The operator staff group with exactly OPERATOR_PERMISSIONS (public schema)."""
    group, _created = Group.objects.get_or_create(name=OPERATORS)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in OPERATOR_PERMISSIONS
    )
    return group
