from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionLogEntry(models.Model):
    """What the retention job removed: counts per program, day and kind, never
    who (issue 15)."""

    class Kind(models.TextChoices):
        UNCONFIRMED_DELETED = (
            "unconfirmed_deleted",
            _("Registrations never confirmed, deleted"),
        )
        LINKS_EXPIRED = "links_expired", _("One-time links past their time, deleted")
        ANONYMISED = (
            "anonymised",
            _("People whose retention period passed, anonymised"),
        )

    wagtail_reference_index_ignore = True

    program = models.ForeignKey(
        "matching.Program",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    day = models.DateField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("retention log entry")
        verbose_name_plural = _("retention log")
        ordering = ["-day", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "day", "kind"],
                name="one_retention_count_per_program_day_kind",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind}: {self.count}"
