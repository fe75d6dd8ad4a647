"""The adapter from a program's models to the engine's plain-data problem."""

import logging

from django.db.models import Count
from django.utils import timezone

from matching.models import (
    ForbiddenPair,
    Match,
    MatchRun,
    Participant,
    Program,
)
from matching.programs.eligibility import age_on

logger = logging.getLogger(__name__)


def match_problem_build(*, program: Program, run: MatchRun):
    """The engine's plain-data problem: who waits, with what capacity left."""
    from matching import engine

    today = timezone.localdate()
    now = timezone.now()
    sides = {side.key: side for side in program.sides.all()}
    open_counts = Match.objects.filter(program=program, status__in=Match.OPEN_STATUSES)
    if run.session_id:
        open_counts = open_counts.filter(session_id=run.session_id)
    taken: dict[int, int] = {}
    for field in ("participant_a", "participant_b"):
        for row in open_counts.values(field).annotate(n=Count("pk")):
            taken[row[field]] = taken.get(row[field], 0) + row["n"]

    people = {"a": [], "b": []}
    waiting = Participant.objects.filter(
        program=program,
        status__in=[Participant.Status.QUEUED, Participant.Status.MATCHED],
    ).order_by("queued_at", "pk")
    for person in waiting:
        side = sides.get(person.side_key)
        if side is None:
            continue
        capacity = max(side.capacity_default, 1) - taken.get(person.pk, 0)
        if person.status == Participant.Status.MATCHED and not run.session_id:
            # Matched people are offered again only up to their capacity.
            capacity = min(
                capacity, max(side.capacity_max, 1) - taken.get(person.pk, 0)
            )
        if capacity <= 0:
            continue
        attributes = dict(person.answers)
        attributes.update(
            gender=person.gender,
            municipality=person.municipality,
            age=(age_on(person.birth_date, today) if person.birth_date else None),
        )
        attributes = {k: v for k, v in attributes.items() if v is not None}
        # Time paused does not count as waiting.
        waited = (now - person.queued_at).days if person.queued_at else 0
        waited -= person.paused_days
        people[person.side_key].append(
            engine.Person(
                id=str(person.pk),
                capacity=capacity,
                waited_days=max(waited, 0),
                attributes=attributes,
            )
        )
    forbidden = {
        (str(a), str(b))
        for a, b in ForbiddenPair.objects.filter(program=program).values_list(
            "participant_a_id", "participant_b_id"
        )
    }
    labels = {
        question.key: {c["value"]: c.get("sv", c["value"]) for c in question.choices}
        for question in program.questions.all()
        if question.choices
    }
    return engine.Problem(
        side_a=people["a"],
        side_b=people["b"],
        criteria=[
            engine.Criterion(
                kind=c.kind, key=c.question_key, weight=c.weight, params=c.params
            )
            for c in program.criteria.all()
        ],
        constraints=[
            engine.Constraint(kind=c.kind, key=c.question_key, params=c.params)
            for c in program.constraints.all()
        ],
        forbidden_pairs=frozenset(forbidden),
        objective=run.objective,
        min_score=run.min_score,
        waiting_bonus_per_30_days=program.waiting_bonus_per_30_days,
        session_theme=run.session.theme if run.session_id else None,
        labels=labels,
    )
