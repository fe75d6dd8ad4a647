"""The engine's JSON format (README.md beside this file): parse and print.

Parsing is strict: an unknown field is an error, so a typo in a problem file is
reported instead of silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matching.engine.problem import (
    MUST_BE_LIST,
    MUST_BE_MAPPING,
    Constraint,
    Criterion,
    Person,
    Problem,
    ProblemError,
    Solution,
)

UNKNOWN_FIELD = "unknown field; expected one of: {fields}"
REQUIRED_FIELD = "required"

PROBLEM_FIELDS = (
    "side_a",
    "side_b",
    "criteria",
    "constraints",
    "forbidden_pairs",
    "objective",
    "min_score",
    "waiting_bonus_per_30_days",
    "session_theme",
    "labels",
    "candidates_per_person",
)
PERSON_FIELDS = ("id", "capacity", "waited_days", "attributes")
CRITERION_FIELDS = ("kind", "key", "weight", "params")
CONSTRAINT_FIELDS = ("kind", "key", "params")


def _object(value: Any, where: str, fields: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProblemError(where, MUST_BE_MAPPING)
    for name in value:
        if name not in fields:
            prefix = f"{where}." if where else ""
            raise ProblemError(
                f"{prefix}{name}", UNKNOWN_FIELD.format(fields=", ".join(fields))
            )
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ProblemError(where, MUST_BE_LIST)
    return value


def _required(data: Mapping[str, Any], name: str, where: str) -> Any:
    if name not in data:
        raise ProblemError(f"{where}.{name}" if where else name, REQUIRED_FIELD)
    return data[name]


def _people(data: Mapping[str, Any], side: str) -> list[Person]:
    people = []
    for index, item in enumerate(_list(_required(data, side, ""), side)):
        where = f"{side}[{index}]"
        item = _object(item, where, PERSON_FIELDS)
        people.append(
            Person(
                id=_required(item, "id", where),
                capacity=item.get("capacity", 1),
                waited_days=item.get("waited_days", 0),
                attributes=item.get("attributes", {}),
            )
        )
    return people


def problem_from_json(data: Any) -> Problem:
    """A `Problem` from decoded JSON; `ProblemError` names the field at fault.
    Field values are checked by `validate_problem` when the problem is solved."""
    if not isinstance(data, Mapping):
        raise ProblemError("problem", MUST_BE_MAPPING)
    data = _object(data, "", PROBLEM_FIELDS)
    criteria = []
    for index, item in enumerate(_list(data.get("criteria", []), "criteria")):
        where = f"criteria[{index}]"
        item = _object(item, where, CRITERION_FIELDS)
        criteria.append(
            Criterion(
                kind=_required(item, "kind", where),
                key=item.get("key", ""),
                weight=item.get("weight", 1.0),
                params=item.get("params", {}),
            )
        )
    constraints = []
    for index, item in enumerate(_list(data.get("constraints", []), "constraints")):
        where = f"constraints[{index}]"
        item = _object(item, where, CONSTRAINT_FIELDS)
        constraints.append(
            Constraint(
                kind=_required(item, "kind", where),
                key=item.get("key", ""),
                params=item.get("params", {}),
            )
        )
    forbidden = _list(data.get("forbidden_pairs", []), "forbidden_pairs")
    return Problem(
        side_a=_people(data, "side_a"),
        side_b=_people(data, "side_b"),
        criteria=criteria,
        constraints=constraints,
        forbidden_pairs=[tuple(p) if isinstance(p, list) else p for p in forbidden],
        objective=data.get("objective", "max_score"),
        min_score=data.get("min_score", 0.0),
        waiting_bonus_per_30_days=data.get("waiting_bonus_per_30_days", 0.0),
        session_theme=data.get("session_theme"),
        labels=data.get("labels", {}),
        candidates_per_person=data.get("candidates_per_person"),
    )


def solution_to_json(solution: Solution) -> dict[str, Any]:
    return {
        "pairs": [
            {
                "a": pair.a,
                "b": pair.b,
                "score": pair.score,
                "bonus": pair.bonus,
                "explanation": pair.explanation,
                "reasons": pair.reasons,
            }
            for pair in solution.pairs
        ],
        "total_score": solution.total_score,
        "objective_value": solution.objective_value,
        "matched_pairs": len(solution.pairs),
        "exact": solution.exact,
        "unmatched_a": solution.unmatched_a,
        "unmatched_b": solution.unmatched_b,
    }
