"""The engine's plain-data API: a matching problem and its solution.

Nothing here knows about Django: the matching app turns programs and participants
into a `Problem`, calls `solve()`, and stores the `Solution` as draft proposals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CRITERION_KINDS = (
    "shared_answers",
    "same_answer",
    "number_closeness",
    "children_ages",
    "same_municipality",
    "availability",
    "stated_preference",
    "session_theme",
)
CONSTRAINT_KINDS = (
    "same_answer",
    "same_municipality",
    "same_gender",
    "max_age_difference",
    "min_age_difference",
)
OBJECTIVES = ("max_score", "max_matched")
# Kinds that read a question's answer and so need `key`.
KEYED_CRITERIA = {
    "shared_answers",
    "same_answer",
    "number_closeness",
    "children_ages",
    "availability",
    "stated_preference",
    "session_theme",
}

MUST_BE_LIST = "must be a list"
MUST_BE_MAPPING = "must be an object"
MUST_BE_TEXT = "must be a non-empty string"
MUST_BE_TEXT_OR_NULL = "must be a string or null"
DUPLICATE_ID = "duplicate id {id!r} on this side"
CAPACITY_INVALID = "must be a positive integer"
WAITED_INVALID = "must be a non-negative integer"
NUMBER_INVALID = "must be a finite number"
NUMBER_NOT_NEGATIVE = "must be a finite number, 0 or more"
NUMBER_POSITIVE = "must be a number greater than 0"
INTEGER_POSITIVE = "must be a positive integer"
INTEGER_NOT_NEGATIVE = "must be a non-negative integer"
KIND_UNKNOWN = "unknown kind {kind!r}; expected one of: {kinds}"
KEY_REQUIRED = "required for kind {kind!r}: the question key to compare"
OBJECTIVE_UNKNOWN = "unknown objective {value!r}; expected one of: {values}"
PAIR_INVALID = "must be a pair of ids [a_id, b_id]"
THEME_REQUIRED = "required: criteria[{index}] has kind 'session_theme'"
SIDE_INVALID = "must be one of 'a', 'b' or 'both'"
ANSWER_LIST_INVALID = "must be a list of strings"
ANSWER_SINGLE_INVALID = "must be a single answer (a string or a number)"
ANSWER_NUMBER_INVALID = "must be a finite number"
ANSWER_AGES_INVALID = "must be a list of whole-number ages from 0 to {limit}"
ANSWER_TEXT_INVALID = "must be a string"


class ProblemError(ValueError):
    """A malformed problem: `field` names the part at fault, e.g.
    ``side_a[3].capacity``, and `message` says what is wrong with it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Person:
    """One participant on one side. `attributes` holds the registration answers by
    question key plus "gender", "municipality" (kommun code) and "age"."""

    id: str
    capacity: int = 1
    waited_days: int = 0
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Criterion:
    """A weighted soft criterion; each kind scores a pair from 0 to 1 (see
    README.md for each kind's formula and params) and the pair's score is the
    weighted sum."""

    kind: str
    key: str = ""
    weight: float = 1.0
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Constraint:
    """A hard rule a pair must meet to be considered at all."""

    kind: str
    key: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Two sides to pair up under a program's rules.

    `forbidden_pairs` holds (a_id, b_id) pairs never to be matched again (ids not in
    this problem are ignored). `min_score` excludes pairs scoring below it under
    both objectives. `waiting_bonus_per_30_days` is added to a pair's value for each
    30 days each of its two people has waited; it steers who is matched, it is not
    part of `Pair.score`. `labels` maps question key -> answer value -> words used in
    explanations. `candidates_per_person`: None chooses automatically (every
    feasible pair when the problem is small, so the result is exactly optimal; the
    best few per person otherwise), 0 always keeps every feasible pair, k > 0 keeps
    each person's k best.
    """

    side_a: Sequence[Person]
    side_b: Sequence[Person]
    criteria: Sequence[Criterion] = ()
    constraints: Sequence[Constraint] = ()
    forbidden_pairs: Any = frozenset()
    objective: str = "max_score"
    min_score: float = 0.0
    waiting_bonus_per_30_days: float = 0.0
    session_theme: str | None = None
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    candidates_per_person: int | None = None


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float
    explanation: str
    reasons: list[str] = field(default_factory=list)
    bonus: float = 0.0


@dataclass(frozen=True)
class Solution:
    """`total_score` sums `Pair.score`; `objective_value` adds the waiting
    bonuses. `unmatched_*` are the people in no pair, sorted by id. `exact` is
    True when every feasible pair was considered, so the pairs are proven
    optimal; False when only each person's best candidates were."""

    pairs: list[Pair]
    total_score: float
    unmatched_a: list[str]
    unmatched_b: list[str]
    objective_value: float = 0.0
    exact: bool = True


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _check_number(value: Any, where: str, *, minimum: float | None = None) -> None:
    if not _is_number(value):
        raise ProblemError(where, NUMBER_INVALID)
    if minimum is not None and value < minimum:
        raise ProblemError(where, NUMBER_NOT_NEGATIVE)


def _check_positive(params: Mapping[str, Any], name: str, where: str) -> None:
    if name in params and (not _is_number(params[name]) or params[name] <= 0):
        raise ProblemError(f"{where}.params.{name}", NUMBER_POSITIVE)


def _validate_side(people: Any, name: str) -> None:
    if isinstance(people, str | bytes) or not isinstance(people, Sequence):
        raise ProblemError(name, MUST_BE_LIST)
    seen: set[str] = set()
    for index, person in enumerate(people):
        where = f"{name}[{index}]"
        if not isinstance(person, Person):
            raise ProblemError(where, "must be a Person")
        if not isinstance(person.id, str) or not person.id:
            raise ProblemError(f"{where}.id", MUST_BE_TEXT)
        if person.id in seen:
            raise ProblemError(f"{where}.id", DUPLICATE_ID.format(id=person.id))
        seen.add(person.id)
        if not _is_int(person.capacity) or person.capacity < 1:
            raise ProblemError(f"{where}.capacity", CAPACITY_INVALID)
        if not _is_int(person.waited_days) or person.waited_days < 0:
            raise ProblemError(f"{where}.waited_days", WAITED_INVALID)
        if not isinstance(person.attributes, Mapping):
            raise ProblemError(f"{where}.attributes", MUST_BE_MAPPING)


def _validate_criterion(criterion: Any, index: int, problem: Problem) -> None:
    where = f"criteria[{index}]"
    if not isinstance(criterion, Criterion):
        raise ProblemError(where, "must be a Criterion")
    if criterion.kind not in CRITERION_KINDS:
        raise ProblemError(
            f"{where}.kind",
            KIND_UNKNOWN.format(kind=criterion.kind, kinds=", ".join(CRITERION_KINDS)),
        )
    if not isinstance(criterion.key, str):
        raise ProblemError(f"{where}.key", ANSWER_TEXT_INVALID)
    if criterion.kind in KEYED_CRITERIA and not criterion.key:
        raise ProblemError(f"{where}.key", KEY_REQUIRED.format(kind=criterion.kind))
    _check_number(criterion.weight, f"{where}.weight")
    params = criterion.params
    if not isinstance(params, Mapping):
        raise ProblemError(f"{where}.params", MUST_BE_MAPPING)
    _check_positive(params, "scale", where)
    _check_positive(params, "scale_years", where)
    if "saturate" in params and (
        not _is_int(params["saturate"]) or params["saturate"] < 1
    ):
        raise ProblemError(f"{where}.params.saturate", INTEGER_POSITIVE)
    if "label" in params and not isinstance(params["label"], str):
        raise ProblemError(f"{where}.params.label", ANSWER_TEXT_INVALID)
    if "sides" in params and params["sides"] not in ("a", "b", "both"):
        raise ProblemError(f"{where}.params.sides", SIDE_INVALID)
    if criterion.kind == "stated_preference":
        attribute = params.get("attribute")
        if not isinstance(attribute, str) or not attribute:
            raise ProblemError(f"{where}.params.attribute", MUST_BE_TEXT)
    if criterion.kind == "session_theme" and problem.session_theme is None:
        raise ProblemError("session_theme", THEME_REQUIRED.format(index=index))


def _validate_constraint(constraint: Any, index: int) -> None:
    where = f"constraints[{index}]"
    if not isinstance(constraint, Constraint):
        raise ProblemError(where, "must be a Constraint")
    if constraint.kind not in CONSTRAINT_KINDS:
        raise ProblemError(
            f"{where}.kind",
            KIND_UNKNOWN.format(
                kind=constraint.kind, kinds=", ".join(CONSTRAINT_KINDS)
            ),
        )
    if not isinstance(constraint.key, str):
        raise ProblemError(f"{where}.key", ANSWER_TEXT_INVALID)
    if constraint.kind == "same_answer" and not constraint.key:
        raise ProblemError(f"{where}.key", KEY_REQUIRED.format(kind=constraint.kind))
    if not isinstance(constraint.params, Mapping):
        raise ProblemError(f"{where}.params", MUST_BE_MAPPING)
    if constraint.kind in ("max_age_difference", "min_age_difference"):
        years = constraint.params.get("years")
        if not _is_number(years) or years < 0:
            raise ProblemError(f"{where}.params.years", NUMBER_NOT_NEGATIVE)


def validate_problem(problem: Problem) -> None:
    """Raise `ProblemError` for the first thing wrong with the problem's shape.

    Answer values are checked later, by the criterion or constraint that reads
    them, so that an unused answer of an unexpected type is no error."""
    if not isinstance(problem, Problem):
        raise ProblemError("problem", "must be a Problem")
    _validate_side(problem.side_a, "side_a")
    _validate_side(problem.side_b, "side_b")
    for name in ("criteria", "constraints"):
        value = getattr(problem, name)
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise ProblemError(name, MUST_BE_LIST)
    if problem.session_theme is not None and not isinstance(problem.session_theme, str):
        raise ProblemError("session_theme", MUST_BE_TEXT_OR_NULL)
    for index, criterion in enumerate(problem.criteria):
        _validate_criterion(criterion, index, problem)
    for index, constraint in enumerate(problem.constraints):
        _validate_constraint(constraint, index)
    if problem.objective not in OBJECTIVES:
        raise ProblemError(
            "objective",
            OBJECTIVE_UNKNOWN.format(
                value=problem.objective, values=", ".join(OBJECTIVES)
            ),
        )
    _check_number(problem.min_score, "min_score")
    _check_number(
        problem.waiting_bonus_per_30_days, "waiting_bonus_per_30_days", minimum=0
    )
    if problem.candidates_per_person is not None and (
        not _is_int(problem.candidates_per_person) or problem.candidates_per_person < 0
    ):
        raise ProblemError("candidates_per_person", INTEGER_NOT_NEGATIVE)
    try:
        pairs = list(problem.forbidden_pairs)
    except TypeError:
        raise ProblemError("forbidden_pairs", MUST_BE_LIST) from None
    for index, pair in enumerate(pairs):
        if (
            isinstance(pair, str | bytes)
            or not isinstance(pair, Sequence)
            or len(pair) != 2
            or not all(isinstance(part, str) for part in pair)
        ):
            raise ProblemError(f"forbidden_pairs[{index}]", PAIR_INVALID)
    if not isinstance(problem.labels, Mapping):
        raise ProblemError("labels", MUST_BE_MAPPING)
    for key, words in problem.labels.items():
        if not isinstance(words, Mapping):
            raise ProblemError(f"labels.{key}", MUST_BE_MAPPING)
