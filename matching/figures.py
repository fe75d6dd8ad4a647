"""The figures of a program for a period, counted in the tenant's schema: the
selectors reporting/ reads (it never reads matching's models itself). Counts and
durations only; who is counted never leaves this module.

People are counted by the facts fixed when they entered (ReportFacts), so an
edited profile or an erased person does not rewrite a period already reported.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from matching.models import (
    EventRsvp,
    FollowUp,
    Match,
    Meeting,
    Participant,
    Program,
    RegistrationTally,
    ReportFacts,
)

PEOPLE_BREAKDOWNS = ("gender", "age_band", "years_in_sweden", "employment", "education")
# What each counted value means, for whoever shows the figures.
VALUE_CHOICES = {
    "gender": Participant.Gender,
    "age_band": ReportFacts.AgeBand,
    "years_in_sweden": ReportFacts.YearsInSweden,
    "employment": ReportFacts.Employment,
    "education": ReportFacts.Education,
    "followup_kind": FollowUp.Kind,
    "outcome": FollowUp.Outcome,
}
PAIRED = (Match.Status.PUBLISHED, Match.Status.ACTIVE, Match.Status.ENDED)


@dataclass
class ProgramFigures:
    program_id: int
    program: str
    kind: str
    start: date
    end: date  # exclusive
    side_names: dict[str, str] = field(default_factory=dict)
    # Per side: registered, confirmed, matched (people); queued now.
    sides: dict[str, dict[str, int]] = field(default_factory=dict)
    # Pairs whose match was published in the period, and what became of them.
    pairs: dict[str, int] = field(default_factory=dict)
    ended_early_reasons: list[tuple[str, int]] = field(default_factory=list)
    # Per side: people waiting now, median and 90th percentile of days waited.
    queue: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    days_to_match: dict[str, float | None] = field(default_factory=dict)
    meetings: int = 0
    followups: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    # People who entered in the period, per side, by each fact at entry.
    people_by: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    # Per municipality (at entry): confirmed and matched people.
    municipalities: dict[str, dict[str, int]] = field(default_factory=dict)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


def _counts(queryset, key: str) -> dict[str, int]:
    return {
        row[key]: row["n"]
        for row in queryset.order_by().values(key).annotate(n=Count("pk"))
    }


def _quantiles(days: list[float]) -> tuple[float | None, float | None]:
    if not days:
        return None, None
    if len(days) == 1:
        return round(days[0], 1), round(days[0], 1)
    median = statistics.median(days)
    p90 = statistics.quantiles(days, n=10, method="inclusive")[-1]
    return round(median, 1), round(p90, 1)


def _sides(program, start_at, end_at, matches) -> dict[str, dict[str, int]]:
    """People per side: registered and confirmed in the period, matched (in a pair
    published in the period), and queued now."""
    registered = {
        row["side_key"]: row["n"]
        for row in RegistrationTally.objects.filter(
            program=program, day__gte=start_at.date(), day__lt=end_at.date()
        )
        .values("side_key")
        .annotate(n=Sum("count"))
    }
    facts = ReportFacts.objects.filter(
        program=program, entered_on__gte=start_at.date(), entered_on__lt=end_at.date()
    )
    confirmed = _counts(facts, "side_key")
    queued = _counts(
        Participant.objects.filter(program=program, status=Participant.Status.QUEUED),
        "side_key",
    )
    matched = {
        "a": matches.values("participant_a").distinct().count(),
        "b": matches.values("participant_b").distinct().count(),
    }
    return {
        side.key: {
            "registered": registered.get(side.key, 0),
            "confirmed": confirmed.get(side.key, 0),
            "matched": matched[side.key],
            "queued_now": queued.get(side.key, 0),
        }
        for side in program.sides.all()
    }


def kicked_off(matches, now):
    """Of `matches`, the pairs whose kickoff has been or who logged a meeting."""
    met = Meeting.objects.filter(match=OuterRef("pk"))
    return matches.filter(Q(kickoff_at__lte=now) | Exists(met))


def completed_and_ended_early(matches) -> tuple:
    """Of `matches`, the ended pairs that met their commitment, and the others."""
    ended = matches.filter(status=Match.Status.ENDED)
    return (
        ended.filter(commitment=Match.Commitment.MET),
        ended.exclude(commitment=Match.Commitment.MET),
    )


def _pairs(matches, now) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """The pairs published in the period (a cohort) and what became of them."""
    completed, early = completed_and_ended_early(matches)
    reasons = list(
        early.order_by()
        .values_list("end_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "end_reason")
    )
    return (
        {
            "matched": matches.count(),
            "kickoff_held": kicked_off(matches, now).count(),
            "commitment_met": matches.filter(commitment=Match.Commitment.MET).count(),
            "active_now": matches.filter(status__in=Match.OPEN_STATUSES).count(),
            "completed": completed.count(),
            "ended_early": early.count(),
        },
        reasons,
    )


def _queue(program, now) -> dict[str, dict]:
    waiting: dict[str, list[float]] = {side.key: [] for side in program.sides.all()}
    for side_key, queued_at, paused_days in Participant.objects.filter(
        program=program, status=Participant.Status.QUEUED, queued_at__isnull=False
    ).values_list("side_key", "queued_at", "paused_days"):
        days = (now - queued_at).total_seconds() / 86400 - (paused_days or 0)
        waiting.setdefault(side_key, []).append(max(days, 0.0))
    result = {}
    for side_key, days in waiting.items():
        median, p90 = _quantiles(days)
        result[side_key] = {
            "waiting": len(days),
            "median_days": median,
            "p90_days": p90,
        }
    return result


def _days_to_match(matches) -> dict[str, float | None]:
    days = [
        (published - confirmed).total_seconds() / 86400
        for confirmed, published in matches.filter(
            participant_a__confirmed_at__isnull=False
        ).values_list("participant_a__confirmed_at", "published_at")
    ]
    median, p90 = _quantiles(days)
    return {"median": median, "p90": p90}


def _followups(program, start_at, end_at) -> tuple[dict, dict]:
    answered = FollowUp.objects.filter(
        match__program=program, created_at__gte=start_at, created_at__lt=end_at
    )
    followups = {
        row["kind"]: {
            "answers": row["n"],
            # None where no answer of the kind has a rating (six months after).
            "average_rating": None if row["avg"] is None else round(row["avg"], 2),
        }
        for row in answered.order_by()
        .values("kind")
        .annotate(n=Count("pk"), avg=Avg("rating"))
    }
    outcomes: dict[str, dict[str, int]] = {}
    for row in (
        answered.exclude(outcome="")
        .order_by()
        .values("kind", "outcome")
        .annotate(n=Count("pk"))
    ):
        outcomes.setdefault(row["kind"], {})[row["outcome"]] = row["n"]
    return followups, outcomes


def _people_by(facts) -> dict[str, dict[str, dict[str, int]]]:
    by_side: dict[str, dict[str, dict[str, int]]] = {}
    for name in PEOPLE_BREAKDOWNS:
        for row in facts.order_by().values("side_key", name).annotate(n=Count("pk")):
            side = by_side.setdefault(row["side_key"], {})
            side.setdefault(name, {})[row[name] or "unknown"] = row["n"]
    return by_side


def _municipalities(facts, matches) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    for row in facts.order_by().values("municipality").annotate(n=Count("pk")):
        code = row["municipality"] or "unknown"
        result.setdefault(code, {"confirmed": 0, "matched": 0})["confirmed"] = row["n"]
    for side in ("a", "b"):
        for row in (
            matches.order_by()
            .values(f"participant_{side}__report_facts__municipality")
            .annotate(n=Count(f"participant_{side}", distinct=True))
        ):
            code = row[f"participant_{side}__report_facts__municipality"] or "unknown"
            entry = result.setdefault(code, {"confirmed": 0, "matched": 0})
            entry["matched"] += row["n"]
    return result


def program_figures(
    *, program: Program, start: date, end: date, now: datetime | None = None
) -> ProgramFigures:
    """The program's figures for [start, end) (dates in the tenant's time zone)."""
    now = now or timezone.now()
    start_at, end_at = _bounds(start, end)
    matches = Match.objects.filter(
        program=program,
        status__in=PAIRED,
        published_at__gte=start_at,
        published_at__lt=end_at,
    )
    facts = ReportFacts.objects.filter(
        program=program, entered_on__gte=start, entered_on__lt=end
    )
    pairs, reasons = _pairs(matches, now)
    followups, outcomes = _followups(program, start_at, end_at)
    rsvps = EventRsvp.objects.filter(
        event__program=program,
        event__starts_at__gte=start_at,
        event__starts_at__lt=end_at,
    )
    return ProgramFigures(
        program_id=program.pk,
        program=program.name,
        kind=program.template_key,
        start=start,
        end=end,
        side_names={side.key: side.name_sv for side in program.sides.all()},
        sides=_sides(program, start_at, end_at, matches),
        pairs=pairs,
        ended_early_reasons=reasons,
        queue=_queue(program, now),
        days_to_match=_days_to_match(matches),
        meetings=Meeting.objects.filter(
            match__program=program, happened_on__gte=start, happened_on__lt=end
        ).count(),
        followups=followups,
        outcomes=outcomes,
        events={
            "events": program.events.filter(
                starts_at__gte=start_at, starts_at__lt=end_at
            ).count(),
            "said_yes": rsvps.filter(answer=EventRsvp.Answer.YES).count(),
            "came": program.events.filter(
                starts_at__gte=start_at, starts_at__lt=end_at
            ).aggregate(n=Sum("attended"))["n"]
            or 0,
        },
        people_by=_people_by(facts),
        municipalities=_municipalities(facts, matches),
    )


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def programs_reported() -> list[tuple[int, str]]:
    """(id, name) of every program, for choosing one to report on."""
    return list(Program.objects.order_by("name").values_list("pk", "name"))


def program_figures_by_id(
    *, program_id: int, start: date, end: date, now: datetime | None = None
) -> ProgramFigures | None:
    program = Program.objects.prefetch_related("sides").filter(pk=program_id).first()
    if program is None:
        return None
    return program_figures(program=program, start=start, end=end, now=now)
