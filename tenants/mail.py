"""E-mail to staff and applicants (not participants: theirs goes through the
tenant's outbox), sent by a worker after the change is committed, retried while
the mail server is down."""

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def mail_task(to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, to)


def mail_later(to: list[str], subject: str, body: str) -> None:
    """Send after the commit (never of a change undone)."""
    to = [address for address in to if address]
    if to:
        transaction.on_commit(lambda: mail_task.delay(to, subject, body))
