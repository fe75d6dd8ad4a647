"""Matching runs, the pairs they propose, and the life of a published match."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MatchRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Objective(models.TextChoices):
        MAX_SCORE = "max_score", _("Best total score")
        MAX_MATCHED = "max_matched", _("As many people as possible above a minimum")

    wagtail_reference_index_ignore = True

    program = models.ForeignKey(
        "matching.Program", on_delete=models.CASCADE, related_name="runs"
    )
    session = models.ForeignKey(
        "matching.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
    )
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    objective = models.CharField(
        max_length=12, choices=Objective.choices, default=Objective.MAX_SCORE
    )
    min_score = models.FloatField(default=0.0)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_text = models.CharField(max_length=200, blank=True)
    proposals = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at"]
        constraints = [
            # Two runs of one program at once would replace each other's proposals.
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_run_per_program",
            )
        ]

    def __str__(self) -> str:
        return f"run {self.pk} of {self.program}"


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published, waiting for both to confirm")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    # A match that still binds both people: it counts against their capacity and
    # keeps them out of the queue.
    OPEN_STATUSES = (Status.PUBLISHED, Status.ACTIVE)

    class Commitment(models.TextChoices):
        NOT_TRACKED = "", _("Not tracked")
        ON_TRACK = "on_track", _("On track")
        BEHIND = "behind", _("Behind schedule")
        MET = "met", _("Commitment met")
        NOT_MET = "not_met", _("Commitment not met")

    wagtail_reference_index_ignore = True

    program = models.ForeignKey(
        "matching.Program", on_delete=models.CASCADE, related_name="matches"
    )
    run = models.ForeignKey(
        MatchRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
    )
    session = models.ForeignKey(
        "matching.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
    )
    # PROTECT: a match is the partner's history too. People are erased by
    # anonymising their row (participant_erase), never by deleting it.
    participant_a = models.ForeignKey(
        "matching.Participant", on_delete=models.PROTECT, related_name="matches_as_a"
    )
    participant_b = models.ForeignKey(
        "matching.Participant", on_delete=models.PROTECT, related_name="matches_as_b"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    score = models.FloatField(default=0.0)
    explanation = models.TextField(blank=True)
    by_hand = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    a_confirmed_at = models.DateTimeField(null=True, blank=True)
    b_confirmed_at = models.DateTimeField(null=True, blank=True)
    kickoff_at = models.DateTimeField(null=True, blank=True)
    kickoff_place = models.CharField(max_length=200, blank=True)
    commitment = models.CharField(
        max_length=8,
        choices=Commitment.choices,
        default=Commitment.NOT_TRACKED,
        blank=True,
        db_index=True,
    )
    commitment_checked_on = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    first_followup_sent_at = models.DateTimeField(null=True, blank=True)
    final_followup_sent_at = models.DateTimeField(null=True, blank=True)
    # Six months after the match ended its participant is asked what they do now
    # (programs that track outcomes); set when the question goes out, once.
    six_month_followup_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant_a", "participant_b"],
                condition=Q(status__in=["proposed", "published", "active"]),
                name="one_open_match_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_a} & {self.participant_b}"

    def side_of(self, participant) -> str | None:
        if participant.pk == self.participant_a_id:
            return "a"
        if participant.pk == self.participant_b_id:
            return "b"
        return None

    def partner_of(self, participant):
        return (
            self.participant_b
            if self.side_of(participant) == "a"
            else self.participant_a
        )


class ForbiddenPair(models.Model):
    """Two people who must never be matched again (e.g. after a match ended badly)."""

    wagtail_reference_index_ignore = True

    program = models.ForeignKey(
        "matching.Program", on_delete=models.CASCADE, related_name="forbidden_pairs"
    )
    participant_a = models.ForeignKey(
        "matching.Participant", on_delete=models.CASCADE, related_name="+"
    )
    participant_b = models.ForeignKey(
        "matching.Participant", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair that must not be matched")
        verbose_name_plural = _("pairs that must not be matched")
        constraints = [
            models.UniqueConstraint(
                fields=["participant_a", "participant_b"], name="unique_forbidden_pair"
            )
        ]

    def __str__(self) -> str:
        return f"never {self.participant_a_id} & {self.participant_b_id}"


class Meeting(models.Model):
    class LoggedBy(models.TextChoices):
        A = "a", _("First side")
        B = "b", _("Second side")
        STAFF = "staff", _("Staff")

    wagtail_reference_index_ignore = True

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="meetings")
    happened_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    logged_by = models.CharField(max_length=5, choices=LoggedBy.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"meeting {self.happened_on} of match {self.match_id}"


class FollowUp(models.Model):
    class Kind(models.TextChoices):
        FIRST_MONTH = "first_month", _("After the first month")
        END = "end", _("At the end")
        SIX_MONTHS = "six_months", _("Six months after the end")

    class Outcome(models.TextChoices):
        NONE = "", _("Not asked")
        WORK = "work", _("Has a job")
        STUDIES = "studies", _("Studies")
        INTERNSHIP = "internship", _("Internship")
        SEEKING = "seeking", _("Looking for work")
        OTHER = "other", _("Other")

    wagtail_reference_index_ignore = True

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="followups")
    participant = models.ForeignKey(
        "matching.Participant", on_delete=models.CASCADE, related_name="followups"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # None where no rating was asked: six months after, or told by phone.
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    comment = models.TextField(blank=True)
    # The staff member who recorded an answer the person gave by phone; blank
    # when the person answered themselves.
    recorded_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "participant", "kind"], name="one_followup_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} follow-up of match {self.match_id}"
