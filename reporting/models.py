"""The operator's snapshot of each tenant, in the public schema: counts per
program, month, side, municipality and metric, built by a task inside the
tenant's schema (reporting.snapshots). Never a name, an address, a number, a
birth date or free text: the figures and the program's name and kind only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotProgram(models.Model):
    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="+"
    )
    program_ref = models.PositiveIntegerField()  # the program's id in the tenant
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=40, blank=True)  # the template it came from
    # The program's funders as the tenant named them at the build.
    funders = models.ManyToManyField(
        "tenants.PartnerOrganisation", blank=True, related_name="snapshot_programs"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "program_ref"], name="one_snapshot_program"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id}: {self.name}"


class SnapshotFigure(models.Model):
    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="+"
    )
    program_ref = models.PositiveIntegerField()
    program_kind = models.CharField(max_length=40, blank=True)
    month = models.DateField()
    side = models.CharField(max_length=1, blank=True)
    municipality = models.CharField(max_length=4, blank=True)
    metric = models.CharField(max_length=60)
    value = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("snapshot figure")
        verbose_name_plural = _("snapshot figures")
        indexes = [
            models.Index(fields=["metric", "month"], name="snapshot_metric_month"),
            models.Index(fields=["tenant", "month"], name="snapshot_tenant_month"),
        ]

    def __str__(self) -> str:
        return f"{self.tenant_id} {self.month} {self.metric}={self.value}"


class SnapshotRun(models.Model):
    """The last build of a tenant's snapshot: when, how it went, and why not."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    tenant = models.OneToOneField(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="snapshot_run"
    )
    status = models.CharField(max_length=8, choices=Status.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    figures = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"snapshot of {self.tenant_id}: {self.status}"
