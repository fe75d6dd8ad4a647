"""Network meetings, kickoffs and program sessions, and who comes to them.
Re-exported from matching.models (app label `matching`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """A network meeting, a kickoff or one session of a per-session program."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network meeting")
        SESSION = "session", _("Program session")
        KICKOFF = "kickoff", _("Kickoff")

    wagtail_reference_index_ignore = True

    program = models.ForeignKey(
        "matching.Program", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.NETWORK)
    title = models.CharField(max_length=200)
    theme = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("For sessions: the theme's answer value."),
    )
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # A head count after the event: who came, not only who said they would.
    attended = models.PositiveIntegerField(
        _("people who came"),
        null=True,
        blank=True,
        help_text=_("After the event: how many came (a head count)."),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d}"

    def clean(self):
        from django.core.exceptions import ValidationError
        from django.utils import timezone

        if (
            self.attended is not None
            and self.starts_at
            and (self.starts_at > timezone.now())
        ):
            raise ValidationError(
                {"attended": _("Count who came once the event has begun.")}
            )


class EventRsvp(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Coming")
        NO = "no", _("Not coming")
        WAITLIST = "waitlist", _("On the waiting list")

    wagtail_reference_index_ignore = True

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    # None once the person is erased: the answer still counts, nobody is named.
    participant = models.ForeignKey(
        "matching.Participant",
        on_delete=models.CASCADE,
        related_name="rsvps",
        null=True,
        blank=True,
    )
    answer = models.CharField(max_length=8, choices=Answer.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer to an event")
        verbose_name_plural = _("answers to events")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant"], name="one_rsvp_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.answer} {self.event_id}"
