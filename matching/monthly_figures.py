"""Every program's counts per calendar month, for the operator's snapshot of a
tenant: set-based (a handful of grouped queries per tenant, not one per month),
counts only. Each row is (month, program id, side, municipality, metric, value);
side and municipality are "" where a metric is not split by them.

Metrics: registered, entered (by side and municipality at entry), entered.<fact>.
<value> (gender, age band, years in Sweden, employment, education: by side),
people_matched (people whose first pair was published that month), pairs_matched,
pairs_kickoff (of those published that month), pairs_completed and
pairs_ended_early (by the month they ended), meetings, followups.<kind>,
outcome.<kind>.<outcome>, events, event_yes, event_attended (head counts);
and, in the current month only, queued_now (by side) and pairs_active_now.
"""

from collections import Counter
from datetime import date

from django.db.models import Count, Min, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from matching.figures import (
    PAIRED,
    PEOPLE_BREAKDOWNS,
    completed_and_ended_early,
    kicked_off,
)
from matching.models import (
    Event,
    EventRsvp,
    FollowUp,
    Match,
    Meeting,
    Participant,
    Program,
    RegistrationTally,
    ReportFacts,
)

FACTS = PEOPLE_BREAKDOWNS

Row = tuple[date, int, str, str, str, int]


def _month(value) -> date:
    return (
        value.date().replace(day=1) if hasattr(value, "date") else value.replace(day=1)
    )


def _grouped(queryset, when: str, *keys: str, total=None):
    """(month, *keys, n) for `queryset` grouped by the month of `when`; n counts
    the rows, or is `total` (an aggregate such as a Sum)."""
    return (
        queryset.order_by()
        .annotate(month=TruncMonth(when))
        .values("month", *keys)
        .annotate(n=total or Count("pk"))
        .values_list("month", *keys, "n")
    )


def _people(rows: list[Row]) -> None:
    for month, program, side, n in _grouped(
        RegistrationTally.objects.all(),
        "day",
        "program_id",
        "side_key",
        total=Sum("count"),
    ):
        rows.append((_month(month), program, side, "", "registered", n))
    for month, program, side, code, n in _grouped(
        ReportFacts.objects.all(),
        "entered_on",
        "program_id",
        "side_key",
        "municipality",
    ):
        rows.append((_month(month), program, side, code, "entered", n))
    by_fact: Counter = Counter()
    for month, program, side, *facts, n in _grouped(
        ReportFacts.objects.all(), "entered_on", "program_id", "side_key", *FACTS
    ):
        for name, value in zip(FACTS, facts, strict=True):
            by_fact[
                (_month(month), program, side, f"entered.{name}.{value or 'unknown'}")
            ] += n
    rows.extend(
        (month, program, side, "", metric, n)
        for (month, program, side, metric), n in by_fact.items()
    )


def _first_matches(rows: list[Row]) -> None:
    """People by the month their first pair was published, by side and by their
    municipality at entry."""
    counts: Counter = Counter()
    for side in ("a", "b"):
        person = f"participant_{side}"
        firsts = (
            Match.objects.filter(status__in=PAIRED, published_at__isnull=False)
            .order_by()
            .values(person, "program_id", f"{person}__report_facts__municipality")
            .annotate(first=Min("published_at"))
        )
        for row in firsts:
            code = row[f"{person}__report_facts__municipality"] or ""
            counts[
                (
                    _month(timezone.localtime(row["first"])),
                    row["program_id"],
                    side,
                    code,
                )
            ] += 1
    rows.extend(
        (month, program, side, code, "people_matched", n)
        for (month, program, side, code), n in counts.items()
    )


def _pairs(rows: list[Row]) -> None:
    paired = Match.objects.filter(status__in=PAIRED, published_at__isnull=False)
    place = "participant_a__report_facts__municipality"
    for month, program, code, n in _grouped(
        paired, "published_at", "program_id", place
    ):
        rows.append((_month(month), program, "", code or "", "pairs_matched", n))
    for month, program, code, n in _grouped(
        kicked_off(paired, timezone.now()), "published_at", "program_id", place
    ):
        rows.append((_month(month), program, "", code or "", "pairs_kickoff", n))
    completed, early = completed_and_ended_early(paired.filter(ended_at__isnull=False))
    for metric, queryset in (
        ("pairs_completed", completed),
        ("pairs_ended_early", early),
    ):
        for month, program, code, n in _grouped(
            queryset, "ended_at", "program_id", place
        ):
            rows.append((_month(month), program, "", code or "", metric, n))


def _activity(rows: list[Row]) -> None:
    for month, program, n in _grouped(
        Meeting.objects.all(), "happened_on", "match__program_id"
    ):
        rows.append((_month(month), program, "", "", "meetings", n))
    for month, program, kind, outcome, n in _grouped(
        FollowUp.objects.all(), "created_at", "match__program_id", "kind", "outcome"
    ):
        rows.append((_month(month), program, "", "", f"followups.{kind}", n))
        if outcome:
            rows.append(
                (_month(month), program, "", "", f"outcome.{kind}.{outcome}", n)
            )
    for month, program, n in _grouped(Event.objects.all(), "starts_at", "program_id"):
        rows.append((_month(month), program, "", "", "events", n))
    for month, program, n in _grouped(
        EventRsvp.objects.filter(answer=EventRsvp.Answer.YES),
        "event__starts_at",
        "event__program_id",
    ):
        rows.append((_month(month), program, "", "", "event_yes", n))
    for month, program, n in _grouped(
        Event.objects.filter(attended__isnull=False),
        "starts_at",
        "program_id",
        total=Sum("attended"),
    ):
        rows.append((_month(month), program, "", "", "event_attended", n))


def _now(rows: list[Row], today: date) -> None:
    month = today.replace(day=1)
    for program, side, n in (
        Participant.objects.filter(status=Participant.Status.QUEUED)
        .order_by()
        .values("program_id", "side_key")
        .annotate(n=Count("pk"))
        .values_list("program_id", "side_key", "n")
    ):
        rows.append((month, program, side, "", "queued_now", n))
    for program, n in (
        Match.objects.filter(status__in=Match.OPEN_STATUSES)
        .order_by()
        .values("program_id")
        .annotate(n=Count("pk"))
        .values_list("program_id", "n")
    ):
        rows.append((month, program, "", "", "pairs_active_now", n))


def monthly_figures(*, today: date | None = None) -> list[Row]:
    """Every program's monthly counts in the active tenant's schema. Rows of the
    same key (a followup and its outcome both count) are added up."""
    rows: list[Row] = []
    _people(rows)
    _first_matches(rows)
    _pairs(rows)
    _activity(rows)
    _now(rows, today or timezone.localdate())
    summed: Counter = Counter()
    for month, program, side, code, metric, n in rows:
        summed[(month, program, side, code, metric)] += n
    return [(*key, n) for key, n in sorted(summed.items()) if n]


def programs_described() -> list[dict]:
    """Each program's id, name, kind and funders: what the operator's snapshot may
    say of a program (no person in it)."""
    return list(
        Program.objects.order_by("pk").values("pk", "name", "template_key", "funders")
    )
