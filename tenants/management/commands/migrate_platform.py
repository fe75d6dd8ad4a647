from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services.schemas import public_tenant_ensure, template_schema_sync


class Command(BaseCommand):
    help = (
        "Migrate everything in order: the public schema, the operator's public tenant, "
        "the template schema new tenants are cloned from, then every tenant schema."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--executor",
            default="standard",
            choices=["standard", "multiprocessing"],
            help="How tenant schemas are migrated (multiprocessing: in parallel).",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command(
            "migrate_schemas", shared=True, interactive=False, verbosity=verbosity
        )
        public_tenant_ensure()
        template_schema_sync(verbosity=verbosity)
        call_command(
            "migrate_schemas",
            tenant=True,
            interactive=False,
            verbosity=verbosity,
            executor=options["executor"],
        )
        self.stdout.write(
            self.style.SUCCESS("Public, template and tenant schemas are migrated.")
        )
