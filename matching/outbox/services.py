"""The outbox: store first, send from a Celery task: an outage delays, loses nothing.

How a message travels
---------------------
`message_queue` writes the row (status `queued`, due now) in the caller's
transaction and hands its id to the broker after the commit.

One attempt (`message_attempt`, run by the task `message_send`) is three steps,
and no database lock is held across the network call:

1. claim, in a short transaction: `queued` and due -> `sending`, with a lease
   (`claimed_until`, now + OUTBOX_LEASE) and one more attempt counted. The claim is
   a single conditional UPDATE, so of two tasks handed the same message (a broker
   redelivery, the beat job racing the chain) exactly one gets it;
2. send, outside any transaction, with timeouts (EMAIL_TIMEOUT for SMTP, 10 s for
   the SMS gateway);
3. record the result: `sent`, or back to `queued` with the next attempt's time, or
   `failed` when the retry window is over.

Retries: a chain of one task per attempt
----------------------------------------
After a failed attempt the same chain schedules the next one with a Celery
countdown (a new task message, not `self.retry`) and keeps the lease until then
(`claimed_until` = next attempt + OUTBOX_LEASE), so the beat job does not hand the
message to a second chain meanwhile. Delays follow OUTBOX_RETRY_DELAYS (seconds;
the last one repeats), like an SMTP provider: 1 min, 5 min, 15 min, 1 h, 3 h, then
every 6 h, for OUTBOX_GIVE_UP_AFTER (3 days) from `queued_at`; the last attempt
falls exactly at the end of the window, and only its failure marks the message
`failed`. A coordinator can retry a failed message (`message_retry`), which opens a
new window.

A delay longer than OUTBOX_COUNTDOWN_MAX is not handed to the broker at all: the
chain lets go of the lease and the beat job picks the message up when it is due.
This keeps long ETAs out of the broker: with Redis a task held past the
transport's visibility timeout (1 h by default) is delivered again, and a broker
restart without persistence loses it.

The beat job `outbox_flush_all` (every minute) hands over only messages that are
due and that no chain holds (no lease, or an expired one), claiming each with a
fresh lease as it does; it also puts a `sending` message whose lease expired
(the worker died mid-attempt) back to `queued`.

What window remains
-------------------
If the worker dies after the provider accepted a message and before step 3
commits (a few milliseconds, or longer if the database is unreachable right
then), the message stays `sending` until its lease expires and is then sent
again: at least once, never lost, a duplicate only in that window. E-mail carries
a stable Message-ID, so most mail clients show such a duplicate once.

Opt-outs
--------
Whether a message honours the person's channel opt-out is decided here, in one
place: REQUESTED (per template key and channel) are the messages a person asks
for or needs to use the service (a confirmation, a self-service link, the news of
their own match by e-mail); every other message, reminders and news included, is
not sent on a channel the person opted out of (the row is kept as `skipped`).
The opt-out is checked again at each attempt and on a coordinator's retry, so
opting out during an outage stops a reminder that was waiting.
"""

import logging
from datetime import datetime, timedelta
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from config.errors import ApplicationError
from matching.integrations.sms import SmsGatewayError, sms_send
from matching.models import Message, MessagingSettings
from matching.outbox.dispatch import MESSAGE_SEND, task_enqueue
from matching.outbox.sealing import seal, unseal

logger = logging.getLogger(__name__)

RETRY_NOT_FAILED = "Bara meddelanden som inte kunde skickas kan skickas igen."
RETRY_NO_ADDRESS = "Meddelandet saknar mottagare och kan inte skickas igen."
RETRY_OPTED_OUT = _("The person no longer wants this kind of message on this channel.")

# The one classification of template keys. Listed (key, channel): the person
# asked for it, or needs it to use the service they signed up for (a
# confirmation, a self-service link, an invitation, the news of their own match
# and its kickoff by e-mail): sent whatever their opt-outs say. Everything else is
# unsolicited and not sent on a channel the person opted out of: meeting and event
# reminders, follow-up surveys, news, and every SMS (SMS only nudges; the e-mail
# carries the link).
REQUESTED = frozenset(
    {
        ("registration_confirm", "email"),
        ("manage_link", "email"),
        ("referral_invite", "email"),
        ("match_published", "email"),
        ("kickoff", "email"),
    }
)


class MessageNotSent(Exception):
    """The provider refused or could not be reached; the outbox tries again."""


def message_is_requested(*, template_key: str, channel: str) -> bool:
    return (template_key, channel) in REQUESTED


def _opted_out(participant, channel: str, template_key: str) -> bool:
    if participant is None:
        return False
    if message_is_requested(template_key=template_key, channel=channel):
        return False
    if channel == Message.Channel.EMAIL:
        return participant.email_opt_out
    return participant.sms_opt_out


def _seconds(name: str, default):
    return getattr(settings, name, default)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt (1-based)."""
    delays = list(_seconds("OUTBOX_RETRY_DELAYS", [60]))
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def _lease() -> timedelta:
    return timedelta(seconds=_seconds("OUTBOX_LEASE", 600))


def message_enqueue(
    *, message_id: int, schema_name: str, countdown: float | None = None
) -> bool:
    """Hand one message to the broker; False when it is down (the outbox keeps it)."""
    return task_enqueue(
        name=MESSAGE_SEND,
        args=[message_id],
        schema_name=schema_name,
        countdown=countdown,
    )


def _hand_over(message_id: int, schema_name: str, countdown: float | None = None):
    """Enqueue; when the broker is down let go of the lease so the beat job
    picks the message up as soon as it is due."""
    if not message_enqueue(
        message_id=message_id, schema_name=schema_name, countdown=countdown
    ):
        Message.objects.filter(pk=message_id, status=Message.Status.QUEUED).update(
            claimed_until=None
        )


def message_queue(
    *,
    channel: str,
    to: str,
    subject: str = "",
    body: str,
    participant=None,
    template_key: str = "",
    secrets: list[str] | None = None,
) -> Message:
    """Store a message in this tenant's outbox and send it after the commit.

    A person who opted out of the channel gets nothing unless they asked for the
    message (REQUESTED): the row is kept as `skipped` so staff can see why.
    `secrets` (one-time tokens in the body) are stored sealed, opened only to send.
    """
    body, sealed = seal(body, secrets or [])
    skipped = _opted_out(participant, channel, template_key) or not to
    now = timezone.now()
    message = Message.objects.create(
        channel=channel,
        to=to,
        subject=subject,
        body=body,
        sealed=sealed,
        participant=participant,
        template_key=template_key,
        status=Message.Status.SKIPPED if skipped else Message.Status.QUEUED,
        queued_at=now,
        next_attempt_at=None if skipped else now,
        claimed_until=None if skipped else now + _lease(),
    )
    if not skipped:
        schema = connection.schema_name
        transaction.on_commit(lambda: _hand_over(message.pk, schema))
    return message


def _messaging_settings() -> MessagingSettings:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return MessagingSettings()
    return MessagingSettings.for_site(site)


def _deliver(message: Message) -> str:
    config = _messaging_settings()
    body = unseal(message.body, message.sealed)
    if message.channel == Message.Channel.SMS:
        return sms_send(to=message.to, body=body, sender=config.sms_sender)
    domain = settings.DEFAULT_FROM_EMAIL_ADDRESS.rpartition("@")[2] or "localhost"
    email = EmailMessage(
        subject=message.subject,
        body=body,
        from_email=formataddr(
            (config.email_from_name, settings.DEFAULT_FROM_EMAIL_ADDRESS)
        ),
        to=[message.to],
        reply_to=[config.reply_to] if config.reply_to else None,
        # Stable per message: a duplicate from the crash window shows once.
        headers={
            "Message-ID": f"<outbox.{connection.schema_name}.{message.pk}@{domain}>"
        },
    )
    email.send()
    return ""


def _claim(message_id: int, now: datetime) -> Message | None:
    """Step 1: take the message for one attempt, or None if it is not ours."""
    with transaction.atomic():
        claimed = (
            Message.objects.filter(pk=message_id, status=Message.Status.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .update(
                status=Message.Status.SENDING,
                claimed_until=now + _lease(),
                attempts=F("attempts") + 1,
            )
        )
    if not claimed:
        return None
    return Message.objects.select_related("participant").get(pk=message_id)


def message_attempt(*, message_id: int) -> Message | None:
    """One attempt to send a message (called by the task, in the tenant's schema).

    Returns the message as recorded, or None when it was not this task's to send
    (already sent, being sent by another task, or not due yet). A failed attempt
    schedules the next one itself (see the module docstring).
    """
    message = _claim(message_id, timezone.now())
    if message is None:
        return None
    if _opted_out(message.participant, message.channel, message.template_key):
        # They opted out while the message waited (e.g. during an outage).
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.SKIPPED, claimed_until=None, next_attempt_at=None
        )
        message.refresh_from_db()
        return message
    try:
        provider_id = _deliver(message)
    except (SmsGatewayError, OSError) as error:
        return _record_failure(message, str(error)[:2000])
    now = timezone.now()
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=Message.Status.SENT,
        sent_at=now,
        provider_id=provider_id,
        last_error="",
        claimed_until=None,
        next_attempt_at=None,
    )
    message.refresh_from_db()
    return message


def _record_failure(message: Message, error: str) -> Message:
    now = timezone.now()
    window_end = (message.queued_at or message.created_at) + timedelta(
        seconds=_seconds("OUTBOX_GIVE_UP_AFTER", 3 * 24 * 3600)
    )
    rows = Message.objects.filter(pk=message.pk, status=Message.Status.SENDING)
    if now >= window_end:
        rows.update(
            status=Message.Status.FAILED,
            last_error=error,
            claimed_until=None,
            next_attempt_at=None,
        )
        logger.warning("message %s failed for good: %s", message.pk, error)
        message.refresh_from_db()
        return message
    next_at = min(now + retry_delay(message.attempts), window_end)
    countdown = max((next_at - now).total_seconds(), 0)
    by_chain = countdown <= _seconds("OUTBOX_COUNTDOWN_MAX", 1800)
    rows.update(
        status=Message.Status.QUEUED,
        last_error=error,
        next_attempt_at=next_at,
        # The chain holds the message until its next attempt (plus a lease);
        # a long wait is left to the beat job.
        claimed_until=next_at + _lease() if by_chain else None,
    )
    if by_chain:
        _hand_over(message.pk, connection.schema_name, countdown=countdown)
    message.refresh_from_db()
    return message


def message_send(*, message_id: int) -> Message | None:
    """`message_attempt` for callers that want an exception when the attempt failed
    (the next attempt is scheduled all the same); returns the message."""
    message = message_attempt(message_id=message_id)
    if message is None:
        return Message.objects.filter(pk=message_id).first()
    if message.status in (Message.Status.QUEUED, Message.Status.FAILED):
        raise MessageNotSent(message.last_error)
    return message


def message_retry(*, message: Message) -> Message:
    """A coordinator sends a failed message again: a new retry window starts.

    Two coordinators clicking at once start one chain: only one of the
    conditional updates finds the message still `failed`.
    """
    if not message.to:
        raise ApplicationError(RETRY_NO_ADDRESS)
    if _opted_out(message.participant, message.channel, message.template_key):
        raise ApplicationError(RETRY_OPTED_OUT)
    now = timezone.now()
    with transaction.atomic():
        taken = Message.objects.filter(
            pk=message.pk, status=Message.Status.FAILED
        ).update(
            status=Message.Status.QUEUED,
            queued_at=now,
            next_attempt_at=now,
            claimed_until=now + _lease(),
            last_error="",
        )
        if not taken:
            raise ApplicationError(RETRY_NOT_FAILED)
        schema = connection.schema_name
        transaction.on_commit(lambda: _hand_over(message.pk, schema))
    message.refresh_from_db()
    return message


def outbox_flush(*, schema_name: str, now: datetime | None = None) -> int:
    """Beat job body for one tenant: hand over the messages that are due and that
    no chain holds; returns how many were handed over."""
    now = now or timezone.now()
    # A worker died mid-attempt: the attempt's lease ran out, so try again.
    Message.objects.filter(status=Message.Status.SENDING, claimed_until__lt=now).update(
        status=Message.Status.QUEUED,
        next_attempt_at=now,
        claimed_until=None,
        last_error="The attempt did not finish (worker stopped); trying again.",
    )
    with transaction.atomic():
        ids = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=Message.Status.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:500]
        )
        Message.objects.filter(pk__in=ids).update(claimed_until=now + _lease())
    handed = 0
    for pk in ids:
        if message_enqueue(message_id=pk, schema_name=schema_name):
            handed += 1
        else:
            Message.objects.filter(pk=pk, status=Message.Status.QUEUED).update(
                claimed_until=None
            )
    return handed
