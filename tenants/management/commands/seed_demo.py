from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from django_tenants.utils import tenant_context

from tenants import demo
from tenants.demo import DEMO_PASSWORD, REFERRAL_TENANTS, demo_password_set
from tenants.models import Tenant
from tenants.roles import operator_group_ensure
from tenants.services.partners import partner_organisation_upsert, partnership_add
from tenants.services.provisioning import default_domain_for, tenant_provision
from tenants.services.schemas import tenant_roles_sync


def _operator_ensure() -> None:
    """The operator's demo account in the public schema: staff, a member of the
    operator group (an older demo's superuser is made one)."""
    user, _created = get_user_model().objects.update_or_create(
        username="operator", defaults={"is_staff": True, "is_superuser": False}
    )
    user.groups.add(operator_group_ensure())
    demo_password_set(user)


class Command(BaseCommand):
    help = "Seed the demo tenants, their partners and demo users. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="Port printed in the addresses."
        )

    def handle(self, *args, **options):
        organisations = {
            key: partner_organisation_upsert(
                name=name, organisation_number=number, role=role
            )
            for key, (name, number, role) in demo.ORGANISATIONS.items()
        }
        _operator_ensure()
        for slug, (name, kind, status, partner_keys) in demo.TENANTS.items():
            tenant = Tenant.objects.filter(slug=slug).first()
            if tenant is None:
                tenant = tenant_provision(
                    slug=slug,
                    name=name,
                    kind=kind,
                    status=status,
                    actor_username="seed_demo",
                )
                self.stdout.write(f"  provisioned {name}")
            for key in partner_keys:
                partnership_add(tenant=tenant, organisation=organisations[key])
            # The product's groups as this release defines them, then the demo
            # content and its accounts (each app's hook puts its own accounts in
            # its own groups).
            tenant_roles_sync(tenants=[tenant])
            with tenant_context(tenant):
                for path in settings.PLATFORM_TENANT_HOOKS["demo"]:
                    import_string(path)(tenant=tenant, port=options["port"])

        port = options["port"]
        suffix = "" if port == 80 else f":{port}"
        self.stdout.write(self.style.SUCCESS("\nKompis Platform demo is ready:"))
        self.stdout.write(
            f"  operator console  http://{settings.PLATFORM_PUBLIC_DOMAIN}{suffix}/operator/"
            f"   (operator / {DEMO_PASSWORD})"
        )
        for slug, (name, *_rest) in demo.TENANTS.items():
            host = default_domain_for(slug)
            accounts = "redaktor, publicist, samordnare, administrator" + (
                ", remittent (/remiss/)" if slug in REFERRAL_TENANTS else ""
            )
            self.stdout.write(
                f"  {name:<22} http://{host}{suffix}/   admin: /admin/"
                f" ({accounts} / {DEMO_PASSWORD})"
            )
