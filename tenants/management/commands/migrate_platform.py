from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.models import Tenant
from tenants.services.schemas import (
    public_tenant_ensure,
    template_schema_sync,
    tenant_roles_sync,
    tenant_schemas_pending_migrations,
)


class Command(BaseCommand):
    help = (
        "Migrate everything in order: the public schema, the operator's public tenant, "
        "the template schema new tenants are cloned from, then every tenant schema "
        "that lacks a migration; then the staff groups of every tenant."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--executor",
            default="standard",
            choices=["standard", "multiprocessing"],
            help="How tenant schemas are migrated (multiprocessing: in parallel).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Run migrate on every tenant schema, even those already up to date.",
        )

        parser.add_argument(
            "--create-database",
            action="store_true",
            help="Create the configured database first when the server has none "
            "(make demo and make migrate use it).",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if options["create_database"]:
            from config.database import database_create_if_missing

            if database_create_if_missing():
                self.stdout.write("Created the database.")
        call_command(
            "migrate_schemas", shared=True, interactive=False, verbosity=verbosity
        )
        public_tenant_ensure()
        template_schema_sync(verbosity=verbosity)
        schemas = list(
            Tenant.objects.exclude(schema_name="public")
            .filter(schema_ready=True)
            .values_list("schema_name", flat=True)
        )
        pending = (
            schemas
            if options["all"]
            else tenant_schemas_pending_migrations(schemas=schemas)
        )
        if pending and len(pending) == len(schemas):
            call_command(
                "migrate_schemas",
                tenant=True,
                interactive=False,
                verbosity=verbosity,
                executor=options["executor"],
            )
        else:
            for schema in pending:
                call_command(
                    "migrate_schemas",
                    tenant=True,
                    schema_name=schema,
                    interactive=False,
                    verbosity=verbosity,
                )
        # After the migrations: the groups need every model's permissions.
        tenant_roles_sync()
        self.stdout.write(
            self.style.SUCCESS(
                f"Public and template schemas migrated; {len(pending)} of "
                f"{len(schemas)} tenant schemas had migrations to apply; staff "
                "groups renewed in every tenant."
            )
        )
