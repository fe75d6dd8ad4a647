"""The outbox: store first, send from a Celery task: an outage delays, loses nothing.

`message_queue` writes the row in the caller's transaction and hands its id to the
broker after the commit. If the broker is down the row simply waits: the beat job
`outbox_flush_all` hands queued rows to the broker again every minute. Sending
locks the row, so a message handed over twice is still sent once.
"""

from datetime import timedelta
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Site

from matching.integrations.sms import SmsGatewayError, sms_send
from matching.models import Message, MessagingSettings
from matching.services.enqueue import task_enqueue

# A queued message older than this without a send is handed to the broker again.
FLUSH_AFTER = timedelta(seconds=60)


class MessageNotSent(Exception):
    """The provider refused or could not be reached; the task retries."""


def _opted_out(participant, channel: str) -> bool:
    if participant is None:
        return False
    if channel == Message.Channel.EMAIL:
        return participant.email_opt_out
    return participant.sms_opt_out


def message_enqueue(*, message_id: int, schema_name: str) -> bool:
    """Hand one message to the broker; False when it is down (the outbox keeps it)."""
    from matching.tasks import message_send

    return task_enqueue(task=message_send, args=[message_id], schema_name=schema_name)


def message_queue(
    *,
    channel: str,
    to: str,
    subject: str = "",
    body: str,
    participant=None,
    template_key: str = "",
) -> Message:
    """Store a message in this tenant's outbox and send it after the commit.

    A person who opted out of the channel gets nothing: the row is kept as
    `skipped` so staff can see why.
    """
    skipped = _opted_out(participant, channel) or not to
    message = Message.objects.create(
        channel=channel,
        to=to,
        subject=subject,
        body=body,
        participant=participant,
        template_key=template_key,
        status=Message.Status.SKIPPED if skipped else Message.Status.QUEUED,
    )
    if not skipped:
        schema = connection.schema_name
        transaction.on_commit(
            lambda: message_enqueue(message_id=message.pk, schema_name=schema)
        )
    return message


def _messaging_settings() -> MessagingSettings:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return MessagingSettings()
    return MessagingSettings.for_site(site)


def _deliver(message: Message) -> str:
    config = _messaging_settings()
    if message.channel == Message.Channel.SMS:
        return sms_send(to=message.to, body=message.body, sender=config.sms_sender)
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=formataddr(
            (config.email_from_name, settings.DEFAULT_FROM_EMAIL_ADDRESS)
        ),
        to=[message.to],
        reply_to=[config.reply_to] if config.reply_to else None,
    )
    email.send()
    return ""


def message_send(*, message_id: int) -> Message | None:
    """Send one queued message (called by the task, in the tenant's schema).

    The row is locked while sending, so two workers handed the same message (a
    redelivery, or the flush job racing the first hand-over) send it once.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != Message.Status.QUEUED:
            return message
        message.attempts += 1
        try:
            message.provider_id = _deliver(message)
        except (SmsGatewayError, OSError) as error:
            failed = True
            message.last_error = str(error)[:2000]
        else:
            failed = False
            message.status = Message.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
        message.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "provider_id"]
        )
    if failed:
        raise MessageNotSent(message.last_error)
    return message


def message_mark_failed(*, message_id: int) -> None:
    Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(
        status=Message.Status.FAILED
    )


def outbox_flush(*, schema_name: str, older_than: timedelta = FLUSH_AFTER) -> int:
    """Hand this tenant's waiting messages to the broker again; returns how many."""
    cutoff = timezone.now() - older_than
    ids = list(
        Message.objects.filter(status=Message.Status.QUEUED, created_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    return sum(message_enqueue(message_id=pk, schema_name=schema_name) for pk in ids)
