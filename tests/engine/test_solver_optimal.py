"""The engine's total equals the optimum found by other means."""

import dataclasses
from collections import Counter

import pytest

from matching.engine import solve
from matching.engine.problem import Constraint
from tests.engine.factories import (
    brute_force,
    random_problem,
    reference_matrix,
    reference_optimum,
)


def _value(problem, solution) -> float:
    return solution.objective_value


@pytest.mark.parametrize("seed", range(12))
def test_total_equals_linear_sum_assignment(seed: int) -> None:
    problem = random_problem(seed, n_a=25 + seed, n_b=18)
    solution = solve(problem)
    assert solution.exact
    assert solution.total_score == pytest.approx(reference_optimum(problem), abs=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_waiting_bonus_counts_in_the_optimum(seed: int) -> None:
    problem = random_problem(seed, n_a=20, n_b=15, waiting_bonus_per_30_days=0.7)
    problem = dataclasses.replace(
        problem,
        side_a=[
            dataclasses.replace(p, waited_days=17 * k)
            for k, p in enumerate(problem.side_a)
        ],
    )
    solution = solve(problem)
    assert solution.objective_value == pytest.approx(
        reference_optimum(problem), abs=1e-6
    )


@pytest.mark.parametrize("seed", range(3))
def test_every_constraint_together(seed: int) -> None:
    constraints = [
        Constraint("same_municipality"),
        Constraint("same_answer", "field"),
        Constraint("max_age_difference", params={"years": 25}),
        Constraint("min_age_difference", params={"years": 2}),
    ]
    problem = random_problem(seed, n_a=40, n_b=30, constraints=constraints)
    solution = solve(problem)
    assert solution.total_score == pytest.approx(reference_optimum(problem), abs=1e-6)
    allowed = reference_matrix(problem)
    index_a = {p.id: k for k, p in enumerate(problem.side_a)}
    index_b = {p.id: k for k, p in enumerate(problem.side_b)}
    for pair in solution.pairs:
        assert allowed[index_a[pair.a], index_b[pair.b]] == pytest.approx(pair.score)


@pytest.mark.parametrize("seed", range(6))
def test_max_matched_against_brute_force(seed: int) -> None:
    problem = random_problem(
        seed, n_a=5, n_b=3, objective="max_matched", min_score=1.0, constraints=[]
    )
    solution = solve(problem)
    best_count = max(size for size, _ in brute_force(problem))
    best_total = max(
        total for size, total in brute_force(problem) if size == best_count
    )
    assert len(solution.pairs) == best_count
    assert solution.total_score == pytest.approx(best_total, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_max_score_against_brute_force(seed: int) -> None:
    problem = random_problem(seed, n_a=5, n_b=3, min_score=1.0, constraints=[])
    solution = solve(problem)
    best_total = max(total for _, total in brute_force(problem))
    assert solution.total_score == pytest.approx(best_total, abs=1e-6)


def test_max_matched_makes_more_pairs_than_max_score() -> None:
    """One mentor loved by two: max_score pairs the strong match, max_matched
    also makes the weaker pair so that both mentees get someone."""
    from matching.engine import Criterion, Person, Problem

    side_a = [
        Person("a1", attributes={"f": "x", "i": ["p"]}),
        Person("a2", attributes={"f": "y", "i": ["q"]}),
    ]
    side_b = [
        Person("b1", attributes={"f": "x", "i": ["q"]}),
        Person("b2", attributes={"f": "z", "i": ["p"]}),
    ]
    criteria = [
        Criterion("same_answer", "f", 10.0),
        Criterion("shared_answers", "i", 2.0),
    ]
    by_score = solve(Problem(side_a, side_b, criteria, min_score=1.0))
    by_count = solve(
        Problem(side_a, side_b, criteria, min_score=1.0, objective="max_matched")
    )
    assert [(p.a, p.b) for p in by_score.pairs] == [("a1", "b1")]
    assert [(p.a, p.b) for p in by_count.pairs] == [("a1", "b2"), ("a2", "b1")]


def test_capacities_are_respected_and_used() -> None:
    problem = random_problem(7, n_a=30, n_b=8, constraints=[])
    solution = solve(problem)
    load = Counter(pair.b for pair in solution.pairs)
    capacity = {p.id: p.capacity for p in problem.side_b}
    assert all(load[b] <= capacity[b] for b in load)
    assert any(load[b] > 1 for b in load)
    assert len({pair.a for pair in solution.pairs}) == len(solution.pairs)
    assert len(solution.pairs) == min(30, sum(capacity.values()))


def test_forbidden_pairs_are_never_made() -> None:
    problem = random_problem(3, n_a=12, n_b=12)
    first = solve(problem)
    again = solve(
        dataclasses.replace(problem, forbidden_pairs={(p.a, p.b) for p in first.pairs})
    )
    assert not {(p.a, p.b) for p in first.pairs} & {(p.a, p.b) for p in again.pairs}
    assert again.total_score <= first.total_score
