"""The outbox's models: every e-mail and SMS is stored here first, then sent by a
task (matching/outbox/services.py explains the retry chain and its lease), and the
tenant's sender settings. Re-exported from matching.models (app label `matching`)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

SENDER_INVALID = "Högst 11 tecken: bokstäver a–z, siffror (börjar med en bokstav)."


class Message(models.Model):
    # Not content: keep Wagtail's reference index (one more write per save) out of it.
    wagtail_reference_index_ignore = True

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent: the person opted out")

    channel = models.CharField(max_length=5, choices=Channel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # The one-time links' tokens of `body`, encrypted (matching/outbox/sealing.py):
    # the body holds markers in their place.
    sealed = models.TextField(blank=True, default="")
    participant = models.ForeignKey(
        "matching.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
    )
    template_key = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_id = models.CharField(max_length=80, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the current retry window began: on creation, or when a coordinator
    # retried a failed message. The outbox gives up OUTBOX_GIVE_UP_AFTER later.
    queued_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The lease: until then one retry chain holds the message and the beat job
    # leaves it alone. Null: nobody holds it.
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.to}: {self.subject or self.template_key}"


@register_setting(icon="mail")
class MessagingSettings(BaseSiteSetting):
    """How this tenant's messages are signed (one site per tenant)."""

    sms_sender = models.CharField(
        _("SMS sender name"),
        max_length=11,
        default="Kompis",
        validators=[RegexValidator(r"^[A-Za-z][A-Za-z0-9]{1,10}$", SENDER_INVALID)],
        help_text=_(
            "Shown as the sender of SMS, e.g. JarfallaK. At most 11 characters."
        ),
    )
    email_from_name = models.CharField(
        _("e-mail sender name"), max_length=80, default="Kompis"
    )
    reply_to = models.EmailField(_("replies go to"), blank=True)

    class Meta:
        verbose_name = _("messages")
