from django.core.management.base import BaseCommand, CommandError

from config.errors import ApplicationError
from tenants.models import Tenant
from tenants.services.domains import tenant_domain_add


class Command(BaseCommand):
    help = "Add a domain (alias, or with --primary the primary host) to a tenant."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("host")
        parser.add_argument("--primary", action="store_true")

    def handle(self, *args, **options):
        tenant = (
            Tenant.objects.exclude(schema_name="public")
            .filter(slug=options["slug"])
            .first()
        )
        if tenant is None:
            raise CommandError(f"No tenant with slug {options['slug']!r}.")
        try:
            domain = tenant_domain_add(
                tenant=tenant,
                host=options["host"],
                primary=options["primary"],
                actor_username="cli",
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(f"{domain.domain} now points to {tenant.name}.")
        )
