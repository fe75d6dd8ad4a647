"""When each person's data is due to go: their part in the program ended (a match
ended and they were not put back in the queue, they withdrew or were marked
unavailable, or they were still queued when the program closed), plus the months
that apply to them: the program's rule, or the longer one their consent promised
unless an administrator confirmed the shorter one (matching.privacy.retention_rules).
One query for the job, the coordinators' view and the counts."""

from datetime import datetime, timedelta

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from matching.models import Match, Participant, Program

PART_ENDED_STATUSES = (Participant.Status.WITHDRAWN, Participant.Status.UNAVAILABLE)
STILL_QUEUED_STATUSES = (Participant.Status.QUEUED, Participant.Status.PAUSED)
DUE_SOON_DAYS = 30


class _Months(Func):
    """PostgreSQL's interval of N calendar months (1 March + 1 month = 1 April)."""

    template = "make_interval(months => %(expressions)s)"
    output_field = DurationField()


def _theirs() -> Q:
    return Q(participant_a=OuterRef("pk")) | Q(participant_b=OuterRef("pk"))


def participants_with_retention() -> QuerySet[Participant]:
    """Every person not erased, with `part_ended_at` (None while they are still in
    the program), `retention_months_applied` and `retention_due_at`."""
    last_end = (
        Match.objects.filter(_theirs(), ended_at__isnull=False)
        .order_by("-ended_at")
        .values("ended_at")[:1]
    )
    open_match = Match.objects.filter(_theirs(), status__in=Match.OPEN_STATUSES)
    return (
        Participant.objects.exclude(status=Participant.Status.ERASED)
        .annotate(has_open_match=Exists(open_match))
        .annotate(
            part_ended_at=Case(
                When(
                    status__in=PART_ENDED_STATUSES,
                    then=Coalesce("status_changed_at", "updated_at"),
                ),
                When(
                    status=Participant.Status.MATCHED,
                    has_open_match=False,
                    then=Coalesce(Subquery(last_end), "status_changed_at"),
                ),
                When(
                    status__in=STILL_QUEUED_STATUSES,
                    program__status=Program.Status.CLOSED,
                    then=Greatest("program__closed_at", "status_changed_at"),
                ),
                default=None,
                output_field=DateTimeField(),
            ),
            retention_months_applied=Greatest(
                "program__retention_months",
                Coalesce("retention_months", "program__retention_months"),
            ),
        )
        .annotate(
            retention_due_at=F("part_ended_at") + _Months(F("retention_months_applied"))
        )
    )


def retention_overdue(*, now: datetime) -> QuerySet[Participant]:
    """Those whose retention has passed and whom nobody holds: the job's work."""
    return participants_with_retention().filter(
        retention_due_at__lte=now, retention_hold_reason=""
    )


def retention_due_soon(
    *, now: datetime, days: int = DUE_SOON_DAYS
) -> QuerySet[Participant]:
    """Everyone due by `now + days` (held people too: the view shows their hold),
    soonest first."""
    return (
        participants_with_retention()
        .filter(retention_due_at__lte=now + timedelta(days=days))
        .select_related("program", "retention_held_by")
        .order_by("retention_due_at", "pk")
    )


def retention_due_by_program(*, now: datetime, days: int = DUE_SOON_DAYS) -> list:
    """Per program: how many are due in the coming `days`, how many of them are
    held, and the program's rule."""
    counts = {
        row["program_id"]: row
        for row in retention_due_soon(now=now, days=days)
        .order_by()
        .values("program_id")
        .annotate(
            due=Count("pk", filter=Q(retention_hold_reason="")),
            held=Count("pk", filter=~Q(retention_hold_reason="")),
        )
    }
    held_elsewhere = dict(
        participants_with_retention()
        .exclude(retention_hold_reason="")
        .order_by()
        .values("program_id")
        .annotate(n=Count("pk"))
        .values_list("program_id", "n")
    )
    return [
        {
            "program": program,
            "due": counts.get(program.pk, {}).get("due", 0),
            "held_due": counts.get(program.pk, {}).get("held", 0),
            "held": held_elsewhere.get(program.pk, 0),
        }
        for program in Program.objects.order_by("name")
    ]
