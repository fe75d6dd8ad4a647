"""make bench-match: the matching engine against a greedy pass and the optimum.

For each size, a seeded random population per side (mentees and mentors spread
over 30 municipalities with a realistic skew, two genders, questionnaire answers
that give many tied scores, mentors with capacity 1, 2 or 3) under the hard
constraints same gender and same municipality, scored on field (x4), availability
(x2), interests (x1) and languages (x1). Each method runs in a subprocess of its
own, so its peak memory (maxrss) is its own:

- engine: matching.engine.solve (candidate graph + min-cost flow);
- greedy: mentees in registration order each take the best mentor still free;
- reference: scipy.optimize.linear_sum_assignment on the full dense score matrix
  with mentors repeated per capacity (the optimum; up to 10,000 per side).

    python bench/match.py [--sizes 1000,5000,10000,40000] [--reference-max 10000]

Seconds are the solve alone (population built before the clock starts); memory
is the subprocess's peak resident set, population included.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.engine import Constraint, Criterion, Person, Problem, solve  # noqa: E402
from matching.engine.solver import Scorer  # noqa: E402

SEED = 20261122
MUNICIPALITIES = [f"01{code:02d}" for code in range(30)]
FIELDS = ["health", "engineering", "it", "economics", "education", "law", "trades"]
FIELDS += ["other"]
INTERESTS = ["hiking", "cooking", "sports", "culture", "games", "crafts", "books"]
INTERESTS += ["nature"]
AVAILABILITY = ["weekday_day", "weekday_evening", "weekend"]
LANGUAGES = ["arabiska", "dari", "engelska", "persiska", "somaliska", "spanska"]
LANGUAGES += ["svenska", "tigrinja", "turkiska", "ukrainska"]
CRITERIA = [
    Criterion("same_answer", "field", 4.0),
    Criterion("availability", "availability", 2.0),
    Criterion("shared_answers", "interests", 1.0),
    Criterion("shared_answers", "languages", 1.0, {"saturate": 1}),
]
CONSTRAINTS = [Constraint("same_gender"), Constraint("same_municipality")]
DEFAULT_SIZES = "1000,5000,10000,40000"
GOALS = {10_000: 5.0, 40_000: 30.0}
MEMORY_GOAL_MIB = 4096


def _choose(rng: np.random.Generator, values: list[str], low: int, high: int) -> list:
    count = int(rng.integers(low, high + 1))
    weights = 1.0 / np.arange(1, len(values) + 1)
    picked = rng.choice(
        len(values), size=count, replace=False, p=weights / weights.sum()
    )
    return sorted(values[k] for k in picked)


def population(size: int, side: str, seed: int) -> list[Person]:
    """One side of `size` people; seeded, so every run and method sees the same."""
    rng = np.random.default_rng([seed, size, ord(side)])
    town_weights = 1.0 / np.arange(1, len(MUNICIPALITIES) + 1) ** 0.8
    town_weights /= town_weights.sum()
    towns = rng.choice(len(MUNICIPALITIES), size=size, p=town_weights)
    woman_share = 0.7 if side == "a" else 0.6
    people = []
    for index in range(size):
        capacity = 1
        if side == "b":
            capacity = int(rng.choice([1, 2, 3], p=[0.7, 0.2, 0.1]))
        languages = _choose(rng, LANGUAGES, 1, 3)
        if side == "b" and "svenska" not in languages:
            languages = sorted([*languages, "svenska"])
        people.append(
            Person(
                id=f"{side}{index:06d}",
                capacity=capacity,
                attributes={
                    "gender": "woman" if rng.random() < woman_share else "man",
                    "municipality": MUNICIPALITIES[towns[index]],
                    "age": int(rng.integers(18, 70)),
                    "field": FIELDS[int(rng.integers(len(FIELDS)))],
                    "interests": _choose(rng, INTERESTS, 1, 4),
                    "availability": _choose(rng, AVAILABILITY, 1, 2),
                    "languages": languages,
                },
            )
        )
    return people


def problem_build(size: int, seed: int) -> Problem:
    return Problem(
        side_a=population(size, "a", seed),
        side_b=population(size, "b", seed),
        criteria=CRITERIA,
        constraints=CONSTRAINTS,
    )


def _dense(scorer: Scorer) -> tuple[np.ndarray, np.ndarray]:
    """Full score matrix (0 where a hard constraint forbids) and feasibility."""
    n_a, n_b = len(scorer.a), len(scorer.b)
    scores = np.zeros((n_a, n_b))
    feasible = np.zeros((n_a, n_b), dtype=bool)
    for rows, cols in scorer.buckets:
        block = scorer.score_block(rows, cols)
        allowed = scorer.allowed_block(rows, cols)
        scores[np.ix_(rows, cols)] = np.where(allowed, block, 0.0)
        feasible[np.ix_(rows, cols)] = allowed
    return scores, feasible


def run_engine(problem: Problem) -> tuple[float, int]:
    solution = solve(problem)
    return solution.total_score, len(solution.pairs)


def run_greedy(problem: Problem) -> tuple[float, int]:
    """Mentees in registration order each take the best-scoring mentor who still
    has room (ties: the first such mentor)."""
    scorer = Scorer(problem)
    order = {person.id: index for index, person in enumerate(problem.side_a)}
    total, matched = 0.0, 0
    for rows, cols in scorer.buckets:
        scores = np.where(
            scorer.allowed_block(rows, cols), scorer.score_block(rows, cols), -np.inf
        )
        room = scorer.capacity_b[cols].copy()
        for local in sorted(
            range(rows.size), key=lambda r: order[scorer.a.people[rows[r]].id]
        ):
            row = np.where(room > 0, scores[local], -np.inf)
            best = int(np.argmax(row))
            if row[best] == -np.inf:
                continue
            room[best] -= 1
            total += float(row[best])
            matched += 1
    return total, matched


def run_reference(problem: Problem) -> tuple[float, int]:
    from scipy.optimize import linear_sum_assignment

    scorer = Scorer(problem)
    scores, feasible = _dense(scorer)
    columns = np.repeat(np.arange(len(scorer.b)), scorer.capacity_b)
    rows, cols = linear_sum_assignment(scores[:, columns], maximize=True)
    total = float(scores[rows, columns[cols]].sum())
    return total, int(feasible[rows, columns[cols]].sum())


METHODS = {"engine": run_engine, "greedy": run_greedy, "reference": run_reference}


def child(method: str, size: int, seed: int) -> None:
    problem = problem_build(size, seed)
    start = time.perf_counter()
    total, matched = METHODS[method](problem)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mib": peak_kib / 1024,
                "total": total,
                "matched": matched,
            }
        )
    )


def measure(method: str, size: int, seed: int) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", method, "--size", str(size)]
        + ["--seed", str(seed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if result.returncode:
        sys.exit(f"{method} at {size}: {result.stderr.strip()}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="people per side")
    parser.add_argument("--reference-max", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--child", choices=sorted(METHODS), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.size, args.seed)
        return
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    header = (
        f"{'per side':>9} {'method':>9} {'seconds':>8} {'peak MiB':>9} "
        f"{'total score':>13} {'pairs':>7}"
    )
    # Other work on the machine slows every method alike; say how busy it was.
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(header)
    failures = []
    for size in sizes:
        rows = {"engine": measure("engine", size, args.seed)}
        rows["greedy"] = measure("greedy", size, args.seed)
        if size <= args.reference_max:
            rows["reference"] = measure("reference", size, args.seed)
        for method, row in rows.items():
            print(
                f"{size:>9,} {method:>9} {row['seconds']:>8.2f} "
                f"{row['peak_mib']:>9.0f} {row['total']:>13.3f} {row['matched']:>7,}"
            )
        engine = rows["engine"]
        ratios = [
            f"engine/greedy score {engine['total'] / rows['greedy']['total']:.4f}"
        ]
        if "reference" in rows:
            reference = rows["reference"]
            ratios.append(
                f"engine/optimum score {engine['total'] / reference['total']:.6f}"
            )
            ratios.append(
                f"optimum/engine seconds {reference['seconds'] / engine['seconds']:.1f}"
            )
            if engine["total"] < reference["total"] * 0.995:
                failures.append(f"{size}: engine more than 0.5 % below the optimum")
        print(f"{'':>9} ratios: " + ", ".join(ratios))
        if engine["total"] <= rows["greedy"]["total"]:
            failures.append(f"{size}: engine not above greedy")
        if size in GOALS and engine["seconds"] > GOALS[size]:
            failures.append(f"{size}: {engine['seconds']:.1f} s, goal {GOALS[size]} s")
        if engine["peak_mib"] > MEMORY_GOAL_MIB:
            failures.append(f"{size}: {engine['peak_mib']:.0f} MiB, goal 4 GiB")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    for failure in failures:
        print(f"GOAL MISSED {failure}")


if __name__ == "__main__":
    main()
