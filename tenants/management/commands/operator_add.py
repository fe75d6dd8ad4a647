"""Add a member of the operator's staff (public schema, group Operatörer)."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tenants.roles import operator_group_ensure


class Command(BaseCommand):
    help = (
        "Add operator staff: a member of Operatörer (not a superuser). They set up "
        "two-step sign-in at their first sign-in to the console."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")

    def handle(self, *args, username, email, **options):
        connection.set_schema_to_public()
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            raise CommandError(f"{username} exists already.")
        user = users(username=username, email=email, is_staff=True)
        password = getpass.getpass("Password: ")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(operator_group_ensure())
        self.stdout.write(self.style.SUCCESS(f"{username} is operator staff."))
