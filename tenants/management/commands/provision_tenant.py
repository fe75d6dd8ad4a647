import time

from django.core.management.base import BaseCommand, CommandError

from config.errors import ApplicationError
from tenants.models import Tenant
from tenants.services.provisioning import tenant_provision


class Command(BaseCommand):
    help = "Provision a tenant: schema cloned from the template, domain, site, theme."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--domain",
            help="Primary host (default: <slug> + PLATFORM_TENANT_DOMAIN_SUFFIX)",
        )
        parser.add_argument(
            "--kind",
            default=Tenant.Kind.MUNICIPALITY,
            choices=[Tenant.Kind.MUNICIPALITY, Tenant.Kind.PARTNERSHIP],
        )
        parser.add_argument(
            "--status",
            default=Tenant.Status.TRIAL,
            choices=[Tenant.Status.TRIAL, Tenant.Status.ACTIVE],
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            tenant = tenant_provision(
                slug=options["slug"],
                name=options["name"],
                domain=options["domain"],
                kind=options["kind"],
                status=options["status"],
                actor_username="cli",
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        host = tenant.domains.get(is_primary=True).domain
        self.stdout.write(
            self.style.SUCCESS(
                f"Provisioned {tenant.name} ({tenant.slug}) at {host}"
                f" in {time.perf_counter() - started:.2f} s"
            )
        )
