"""Random problems and a plain-Python reference for the engine's tests."""

from __future__ import annotations

import itertools
import random

import numpy as np
from scipy.optimize import linear_sum_assignment

from matching.engine import Constraint, Criterion, Person, Problem

INTERESTS = ["hiking", "cooking", "sports", "culture", "games", "books"]
FIELDS = ["health", "it", "law"]
CRITERIA = [
    Criterion("shared_answers", "interests", 3.0),
    Criterion("same_answer", "field", 2.0),
    Criterion("children_ages", "children_ages", 2.0, {"scale_years": 3}),
    Criterion("number_closeness", "age", 0.5, {"scale": 20}),
]


def person(rng: random.Random, pid: str, max_capacity: int = 1) -> Person:
    return Person(
        id=pid,
        capacity=rng.randint(1, max_capacity),
        attributes={
            "gender": rng.choice(["woman", "man"]),
            "municipality": rng.choice(["0123", "0127"]),
            "age": rng.randint(18, 70),
            "field": rng.choice(FIELDS),
            "interests": sorted(rng.sample(INTERESTS, rng.randint(0, 3))),
            "children_ages": sorted(
                rng.randint(0, 12) for _ in range(rng.randint(0, 2))
            ),
        },
    )


def random_problem(seed: int, n_a: int, n_b: int, **options) -> Problem:
    rng = random.Random(seed)
    side_a = [person(rng, f"a{k:03d}") for k in range(n_a)]
    side_b = [person(rng, f"b{k:03d}", max_capacity=3) for k in range(n_b)]
    forbidden = {
        (rng.choice(side_a).id, rng.choice(side_b).id) for _ in range(n_a // 3)
    }
    defaults = {
        "criteria": CRITERIA,
        "constraints": [Constraint("same_gender")],
        "forbidden_pairs": forbidden,
    }
    return Problem(side_a=side_a, side_b=side_b, **{**defaults, **options})


def _criterion_score(criterion: Criterion, a: Person, b: Person) -> float:
    x, y = a.attributes.get(criterion.key), b.attributes.get(criterion.key)
    if criterion.kind == "shared_answers":
        if not x or not y:
            return 0.0
        cap = criterion.params.get("saturate", 3)
        return min(len(set(x) & set(y)), cap) / min(len(x), len(y), cap)
    if criterion.kind == "same_answer":
        return float(x is not None and x == y)
    if criterion.kind == "number_closeness":
        return max(0.0, 1 - abs(x - y) / criterion.params.get("scale", 10))
    if criterion.kind == "children_ages":
        if not x or not y:
            return 0.0
        scale = criterion.params.get("scale_years", 3)

        def near(age: int, others: list[int]) -> float:
            return max(max(0.0, 1 - abs(age - o) / scale) for o in others)

        total = sum(near(age, y) for age in x) + sum(near(age, x) for age in y)
        return total / (len(x) + len(y))
    raise AssertionError(criterion.kind)


def _allowed(problem: Problem, a: Person, b: Person) -> bool:
    if (a.id, b.id) in set(problem.forbidden_pairs):
        return False
    for constraint in problem.constraints:
        ax, bx = a.attributes, b.attributes
        if constraint.kind == "same_gender" and ax["gender"] != bx["gender"]:
            return False
        if constraint.kind == "same_municipality" and (
            ax["municipality"] != bx["municipality"]
        ):
            return False
        if constraint.kind == "same_answer" and (
            ax.get(constraint.key) is None
            or ax.get(constraint.key) != bx.get(constraint.key)
        ):
            return False
        gap = abs(ax["age"] - bx["age"])
        years = constraint.params.get("years")
        if constraint.kind == "max_age_difference" and gap > years:
            return False
        if constraint.kind == "min_age_difference" and gap < years:
            return False
    return True


def reference_matrix(problem: Problem) -> np.ndarray:
    """Pair values (score + waiting bonus) by plain Python, NaN where a pair may
    not be made; rows side_a, columns side_b in input order."""
    per_day = problem.waiting_bonus_per_30_days / 30
    values = np.full((len(problem.side_a), len(problem.side_b)), np.nan)
    for i, a in enumerate(problem.side_a):
        for j, b in enumerate(problem.side_b):
            score = sum(c.weight * _criterion_score(c, a, b) for c in problem.criteria)
            if _allowed(problem, a, b) and score >= problem.min_score - 1e-9:
                values[i, j] = score + per_day * (a.waited_days + b.waited_days)
    return values


def reference_optimum(problem: Problem) -> float:
    """The largest total value, by linear_sum_assignment with each person of side
    B repeated per capacity and a "stay unmatched" column (value 0) per A."""
    values = reference_matrix(problem)
    columns = np.repeat(
        np.arange(len(problem.side_b)), [p.capacity for p in problem.side_b]
    )
    n_a = values.shape[0]
    expanded = np.nan_to_num(values[:, columns], nan=-1e9)
    padded = np.hstack([expanded, np.full((n_a, n_a), -1e9)])
    padded[np.arange(n_a), columns.size + np.arange(n_a)] = 0.0
    rows, cols = linear_sum_assignment(padded, maximize=True)
    return float(np.maximum(padded[rows, cols], 0).sum())


def brute_force(problem: Problem) -> list[tuple[int, float]]:
    """(pairs, total value) of every valid set of pairs; tiny problems only."""
    values = reference_matrix(problem)
    options = [
        (i, j)
        for i in range(values.shape[0])
        for j in range(values.shape[1])
        if not np.isnan(values[i, j])
    ]
    capacity_b = [p.capacity for p in problem.side_b]
    results = []
    for size in range(len(options) + 1):
        for chosen in itertools.combinations(options, size):
            rows = [i for i, _ in chosen]
            if len(set(rows)) < len(rows):
                continue
            load = [0] * len(capacity_b)
            for _, j in chosen:
                load[j] += 1
            if any(used > cap for used, cap in zip(load, capacity_b, strict=True)):
                continue
            results.append((size, sum(values[i, j] for i, j in chosen)))
    return results
