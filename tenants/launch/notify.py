"""E-mail to applicants and to the operator about applications, sent by a worker
after the change is committed (never of a change undone), in Swedish."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def launch_mail_task(to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, to)


def launch_mail_later(to: list[str], subject: str, body: str) -> None:
    to = [address for address in to if address]
    if to:
        transaction.on_commit(lambda: launch_mail_task.delay(to, subject, body))


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
