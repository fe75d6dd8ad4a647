"""Who opened which participant's personal data, when, and in which view."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    """Written by `matching.services.access_log.participant_access_log` only.

    Holds no personal data but the participant's id: the foreign key goes NULL when
    the participant's row is deleted, `participant_ref` keeps the id, so the log
    still says what happened after an erasure.
    """

    class View(models.TextChoices):
        PARTICIPANT_LIST = "participant_list", _("Registrations, list (admin)")
        PARTICIPANT_INSPECT = "participant_inspect", _("Registration (admin)")
        PARTICIPANT_EDIT = "participant_edit", _("Registration, edit (admin)")
        MATCH_INSPECT = "match_inspect", _("Match (admin)")
        FOLLOWUP_INSPECT = "followup_inspect", _("Follow-up (admin)")
        MESSAGE_INSPECT = "message_inspect", _("Message (admin)")
        EVENT_RSVPS = "event_rsvps", _("Event and its RSVPs (admin)")
        API_LIST = "api_participant_list", _("Participants, list (API)")
        API_DETAIL = "api_participant_detail", _("Participant (API)")
        API_STATUS = "api_participant_status", _("Participant status change (API)")

    wagtail_reference_index_ignore = True

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    username = models.CharField(_("username"), max_length=150)
    participant = models.ForeignKey(
        "matching.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_log_entries",
        verbose_name=_("whom"),
    )
    participant_ref = models.PositiveBigIntegerField(
        _("participant id"), null=True, blank=True, db_index=True
    )
    view = models.CharField(_("what"), max_length=24, choices=View.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        whom = f"participant {self.participant_ref}" if self.participant_ref else "list"
        return f"{self.username}: {self.get_view_display()}, {whom}"
