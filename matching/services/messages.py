"""The outbox: store first, send from a Celery task, so an outage delays and loses nothing."""

from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from matching.models import Message

SMS_NOT_CONFIGURED = "No SMS gateway is configured for this tenant yet."


class MessageNotSent(Exception):
    """The provider refused or could not be reached; the task retries."""


def message_queue(
    *,
    channel: str,
    to: str,
    subject: str = "",
    body: str,
    participant=None,
    template_key: str = "",
) -> Message:
    """Store a message in this tenant's outbox and send it after the commit."""
    message = Message.objects.create(
        channel=channel,
        to=to,
        subject=subject,
        body=body,
        participant=participant,
        template_key=template_key,
    )
    schema = connection.schema_name

    def enqueue():
        from matching.tasks import message_send

        # The schema travels explicitly: the worker never guesses the tenant.
        message_send.apply_async(args=[message.pk], headers={"_schema_name": schema})

    transaction.on_commit(enqueue)
    return message


def message_send(*, message_id: int) -> Message | None:
    """Send one queued message (called by the task, in the tenant's schema).

    The row is locked while sending, so two workers handed the same message (a
    redelivery after a lost acknowledgement) send it once.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status == Message.Status.SENT:
            return message
        message.attempts += 1
        try:
            if message.channel == Message.Channel.EMAIL:
                send_mail(message.subject, message.body, None, [message.to])
            else:
                raise NotImplementedError(SMS_NOT_CONFIGURED)
        except Exception as error:
            failed = True
            message.last_error = str(error)[:2000]
        else:
            failed = False
            message.status = Message.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    if failed:
        raise MessageNotSent(message.last_error)
    return message
