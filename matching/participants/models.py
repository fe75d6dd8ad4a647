"""People who registered for a program, their one-time links, staff notes,
referrals, and the log of who opened their data. Personal data: it lives only in
the tenant's own schema. Re-exported from matching.models (app label `matching`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

# How an erased person is shown wherever others' records still point at them.
ERASED_NAME = "raderad deltagare"


class Participant(models.Model):
    # Not content: keep Wagtail's reference index (one more write per save) out of it.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited (referred, not yet registered)")
        PENDING = "pending", _("Waiting for e-mail confirmation")
        QUEUED = "queued", _("In the queue")
        MATCHED = "matched", _("Matched")
        PAUSED = "paused", _("Paused")
        UNAVAILABLE = "unavailable", _("Marked unavailable")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ERASED = "erased", _("Personal data erased")

    class ErasedBecause(models.TextChoices):
        REQUEST = "request", _("At the person's request")
        RETENTION = "retention", _("The retention period passed")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        UNSTATED = "unstated", _("Prefer not to say")

    program = models.ForeignKey(
        "matching.Program", on_delete=models.PROTECT, related_name="participants"
    )
    side_key = models.CharField(max_length=1)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = PhoneNumberField(_("mobile phone"), blank=True, region="SE")
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    municipality = models.CharField(max_length=4, blank=True)
    arrived_in_sweden_year = models.PositiveSmallIntegerField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=5, default="sv")
    email_opt_out = models.BooleanField(_("no e-mail"), default=False)
    sms_opt_out = models.BooleanField(_("no SMS"), default=False)
    consent_text = models.TextField(blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Time paused (or marked unavailable) is not time waiting: the current pause
    # starts at paused_at, earlier ones add up in paused_days.
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    unavailable_reason = models.CharField(max_length=200, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_because = models.CharField(
        max_length=10, choices=ErasedBecause.choices, blank=True
    )
    # The months the consent promised at registration (the program's retention
    # then): a shorter rule later applies to the person only once an administrator
    # confirms it (matching.privacy.retention_rules). Empty: the program's rule.
    retention_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # A coordinator keeps the person past their retention date, saying why (an open
    # matter); the reason is removed with the rest when the hold is released.
    retention_hold_reason = models.CharField(max_length=300, blank=True)
    retention_held_at = models.DateTimeField(null=True, blank=True)
    retention_held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        permissions = [
            ("hold_participant", _("Can hold a person from retention")),
        ]
        constraints = [
            # Erased rows keep no address; the person may register again.
            models.UniqueConstraint(
                Lower("email"),
                "program",
                condition=~Q(status="erased"),
                name="unique_participant_email_per_program",
            )
        ]
        indexes = [
            models.Index(
                fields=["program", "side_key", "status", "queued_at"],
                name="participant_queue_idx",
            )
        ]

    def __str__(self) -> str:
        if self.status == self.Status.ERASED:
            return ERASED_NAME
        return f"{self.first_name} {self.last_name}".strip()


class ParticipantToken(models.Model):
    """A one-time link sent by e-mail: confirm a registration, open self-service,
    or complete a referred registration. Only the hash is stored."""

    # Not content: keep Wagtail's reference index (one more write per save) out of it.
    wagtail_reference_index_ignore = True

    class Purpose(models.TextChoices):
        CONFIRM = "confirm", _("Confirm e-mail")
        MANAGE = "manage", _("Open self-service")
        INVITE = "invite", _("Complete a referral")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="tokens"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.purpose} link for participant {self.participant_id}"


class StaffNote(models.Model):
    # Not content: keep Wagtail's reference index (one more write per save) out of it.
    wagtail_reference_index_ignore = True
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="staff_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"note on {self.participant_id}"


class Referral(models.Model):
    """A partner referrer (e.g. the employment agency) referred this person."""

    # Not content: keep Wagtail's reference index (one more write per save) out of it.
    wagtail_reference_index_ignore = True

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="referrals"
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals"
    )
    # The person was registered already: they got an e-mail, the referrer the same
    # answer as for anyone, and the referrer's list shows the name as they typed it
    # and "invited", never the person's own record.
    already_registered = models.BooleanField(default=False)
    first_name = models.CharField(max_length=80, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"referral of {self.participant_id} by {self.referrer_id}"

    def name_for_referrer(self) -> str:
        if self.participant.status == Participant.Status.ERASED:
            return str(self.participant)
        if self.already_registered:
            return self.first_name
        return self.participant.first_name

    def status_for_referrer(self) -> str:
        """A person who was registered already stays "invited" to the referrer."""
        if self.already_registered and (
            self.participant.status != Participant.Status.ERASED
        ):
            return Participant.Status.INVITED.label
        return self.participant.get_status_display()


class AccessLogEntry(models.Model):
    """Written by `matching.participants.access_log.participant_access_log` only.

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
