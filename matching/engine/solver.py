"""Optimal pairing: hard constraints first, scores in bulk, min-cost flow.

1. People are sorted by id (same input, same output, whatever the input order)
   and grouped into buckets by the equality constraints (gender, municipality,
   same answer): pairs across buckets are never scored.
2. Within a bucket, pairs are scored block by block with NumPy. Small problems
   keep every feasible pair, so the result is exactly optimal; large ones keep
   each person's best few (both sides), ties broken by a fixed hash so that
   tied candidates spread out instead of all naming the same people, and give
   people left with room a second round of candidates among each other.
3. The candidate pairs become a min-cost flow network (source -> A -> B -> sink,
   capacities = how many matches each person takes) with integer costs, solved by
   OR-Tools. Costs are lexicographic: under "max_score" the total score first and
   the number of pairs second; under "max_matched" the other way round.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.engine.features import (
    NOTHING_IN_COMMON,
    Feature,
    Labels,
    Side,
    feature_build,
    number_answer,
    single_answer,
    text_answer,
)
from matching.engine.problem import Pair, Problem, Solution, validate_problem

logger = logging.getLogger(__name__)

# Below this many feasible pairs (all buckets together) every one is kept.
EXACT_PAIRS = 2_000_000
# Candidates kept per unit of capacity and side when the problem is large.
DEFAULT_CANDIDATES = 12
# Cells scored at once: bounds the memory of one block (8 bytes a cell per array).
BLOCK_CELLS = 1 << 20
# Multipliers tried, smallest first, to turn profits into exact integers (weights
# times fractions such as 1/2, 1/3, 2/3 usually need a small one).
EXACT_UNITS = (1, 2, 4, 6, 12, 24, 60, 120, 360, 840, 2520, 5040, 27720, 720720)
# Otherwise profits go on a grid this fine per score point (or as fine as fits).
FINE_UNITS = 1 << 20
# Selection keys: score steps per largest possible profit (int32 with the hash).
SELECT_LEVELS = 1 << 14
# Arc costs are scaled by the number of nodes inside OR-Tools' cost scaling;
# keep cost * nodes well inside int64.
COST_BUDGET = 1 << 60
HASH_BITS = 16
SENTINEL = np.iinfo(np.int32).min
WAITED_REASON = "väntetid {days} dagar"
FLOW_FAILED = "the min-cost flow solver failed with status {status}"


@dataclass
class Candidates:
    """Candidate pairs as parallel arrays of id-sorted positions and profits."""

    a: np.ndarray
    b: np.ndarray
    profit: np.ndarray
    # Every feasible pair of the bucket is among them (the result is exact).
    complete: bool = True


class Scorer:
    """A problem turned into arrays: features, buckets, filters and bonuses."""

    def __init__(self, problem: Problem) -> None:
        validate_problem(problem)
        self.problem = problem
        self.a = Side.build("side_a", problem.side_a)
        self.b = Side.build("side_b", problem.side_b)
        self.labels = Labels(problem.labels)
        self.features: list[Feature] = [
            feature_build(c, self.a, self.b, self.labels, problem.session_theme)
            for c in problem.criteria
        ]
        self.capacity_a = np.array([p.capacity for p in self.a.people], np.int64)
        self.capacity_b = np.array([p.capacity for p in self.b.people], np.int64)
        per_day = problem.waiting_bonus_per_30_days / 30.0
        self.bonus_a = per_day * np.array(
            [p.waited_days for p in self.a.people], np.float64
        )
        self.bonus_b = per_day * np.array(
            [p.waited_days for p in self.b.people], np.float64
        )
        self._build_constraints()

    def _bucket_keys(self, side: Side) -> list[tuple | None]:
        columns = []
        for constraint in self.problem.constraints:
            if constraint.kind == "same_answer":
                values = side.read(constraint.key, single_answer)
            elif constraint.kind == "same_municipality":
                values = side.read("municipality", text_answer)
            elif constraint.kind == "same_gender":
                values = side.read("gender", text_answer)
            else:
                continue
            columns.append(values)
        keys: list[tuple | None] = []
        for index in range(len(side)):
            key = tuple(column[index] for column in columns)
            keys.append(None if any(value is None for value in key) else key)
        return keys

    def _build_constraints(self) -> None:
        keys_a = self._bucket_keys(self.a)
        keys_b = self._bucket_keys(self.b)
        groups_a: dict[tuple, list[int]] = {}
        groups_b: dict[tuple, list[int]] = {}
        for index, key in enumerate(keys_a):
            if key is not None:
                groups_a.setdefault(key, []).append(index)
        for index, key in enumerate(keys_b):
            if key is not None:
                groups_b.setdefault(key, []).append(index)
        shared = sorted(set(groups_a) & set(groups_b), key=repr)
        self.buckets = [
            (np.array(groups_a[key], np.int64), np.array(groups_b[key], np.int64))
            for key in shared
        ]
        self.age_limits: list[tuple[str, float]] = []
        self.age_a = self.age_b = np.zeros(0)
        for constraint in self.problem.constraints:
            if constraint.kind in ("max_age_difference", "min_age_difference"):
                self.age_limits.append(
                    (constraint.kind, float(constraint.params["years"]))
                )
        if self.age_limits:
            self.age_a = np.array(self.a.read("age", number_answer))
            self.age_b = np.array(self.b.read("age", number_answer))
        ids_a = {person.id: index for index, person in enumerate(self.a.people)}
        ids_b = {person.id: index for index, person in enumerate(self.b.people)}
        forbidden = [
            (ids_a[a], ids_b[b])
            for a, b in self.problem.forbidden_pairs
            if a in ids_a and b in ids_b
        ]
        self.forbidden = (
            np.array(sorted(forbidden), np.int64).reshape(-1, 2)
            if forbidden
            else np.zeros((0, 2), np.int64)
        )

    def score_block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Weighted scores of every pair rows x cols (float32, for choosing)."""
        score = np.zeros((rows.size, cols.size), np.float32)
        for feature in self.features:
            if feature.weight:
                part = feature.block(rows, cols)
                part *= np.float32(feature.weight)
                score += part
        return score

    def score_pairs(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        score = np.zeros(i.size)
        for feature in self.features:
            if feature.weight:
                score += feature.weight * feature.pairs(i, j)
        return score

    def allowed_block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Pairs in rows x cols that meet the non-bucket hard constraints and are
        not forbidden (bucket constraints hold by construction)."""
        allowed = np.ones((rows.size, cols.size), dtype=bool)
        if self.age_limits:
            gap = np.abs(self.age_a[rows][:, None] - self.age_b[cols][None, :])
            for kind, years in self.age_limits:
                # NaN (age unknown) compares False: such pairs are left out.
                allowed &= (
                    gap <= years if kind == "max_age_difference" else gap >= years
                )
        if self.forbidden.size:
            hit_a = np.isin(self.forbidden[:, 0], rows)
            hit = self.forbidden[hit_a]
            hit = hit[np.isin(hit[:, 1], cols)]
            if hit.size:
                row_at = np.searchsorted(rows, hit[:, 0])
                col_at = np.searchsorted(cols, hit[:, 1])
                allowed[row_at, col_at] = False
        return allowed

    def max_profit(self) -> float:
        weights = sum(abs(feature.weight) for feature in self.features)
        bonus_a = float(self.bonus_a.max(initial=0.0))
        bonus_b = float(self.bonus_b.max(initial=0.0))
        return max(weights + bonus_a + bonus_b, 1e-9)


def _tie_hash(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random number in [0, 2**HASH_BITS) per pair: breaks ties when
    choosing candidates, so tied people do not all name the same few partners."""
    with np.errstate(over="ignore"):
        mixed = (rows.astype(np.uint32)[:, None] * np.uint32(0x9E3779B1)) ^ (
            cols.astype(np.uint32)[None, :] * np.uint32(0x85EBCA77)
        )
        mixed *= np.uint32(0xC2B2AE3D)
    return (mixed >> np.uint32(32 - HASH_BITS)).astype(np.int32)


def _top_along(keys: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Indices of the k largest keys along axis (all of them if there are fewer)."""
    n = keys.shape[axis]
    if n <= k:
        shape = [1, 1]
        shape[axis] = n
        return np.broadcast_to(np.arange(n).reshape(shape), keys.shape)
    return np.take(np.argpartition(keys, n - k, axis=axis), range(n - k, n), axis=axis)


def candidates_mode(scorer: Scorer) -> int:
    """Candidates kept per unit of capacity: 0 for every feasible pair."""
    k = scorer.problem.candidates_per_person
    if k is not None:
        return k
    total = sum(rows.size * cols.size for rows, cols in scorer.buckets)
    return 0 if total <= EXACT_PAIRS else DEFAULT_CANDIDATES


def candidates_build(
    scorer: Scorer, rows: np.ndarray, cols: np.ndarray, k: int
) -> Candidates:
    """One bucket's pairs worth considering, with exact float64 profits (score +
    bonus), in (a, b) order.

    Blocks are scored in float32 and, when only the best are kept, ranked on int32
    keys: the score in SELECT_LEVELS steps of the largest possible profit, then
    the tie hash."""
    problem = scorer.problem
    span = scorer.max_profit()
    # float32 rounding must not drop a pair that meets min_score exactly.
    threshold = np.float32(problem.min_score - 1e-5 * span)
    ka = k * int(scorer.capacity_a[rows].max())
    kb = k * int(scorer.capacity_b[cols].max())
    keep_all = k == 0 or rows.size * cols.size <= ka * rows.size + kb * cols.size
    step = max(1, BLOCK_CELLS // cols.size)
    col_keys = np.full((cols.size, 0), SENTINEL, np.int32)
    col_rows = np.zeros((cols.size, 0), np.int64)
    parts_a: list[np.ndarray] = []
    parts_b: list[np.ndarray] = []
    for start in range(0, rows.size, step):
        block_rows = rows[start : start + step]
        score = scorer.score_block(block_rows, cols)
        ok = score >= threshold
        ok &= scorer.allowed_block(block_rows, cols)
        if keep_all:
            r, c = np.nonzero(ok)
            parts_a.append(block_rows[r])
            parts_b.append(cols[c])
            continue
        score += scorer.bonus_a[block_rows].astype(np.float32)[:, None]
        score += scorer.bonus_b[cols].astype(np.float32)[None, :]
        score *= np.float32(SELECT_LEVELS / span)
        keys = np.rint(score).astype(np.int32)
        keys <<= HASH_BITS
        keys += _tie_hash(block_rows, cols)
        keys[~ok] = SENTINEL
        # Each A person's best ka.
        best = _top_along(keys, ka, axis=1)
        chosen = np.take_along_axis(keys, best, axis=1)
        r, c = np.nonzero(chosen != SENTINEL)
        parts_a.append(block_rows[r])
        parts_b.append(cols[best[r, c]])
        # Each B person's best kb so far, merged block by block (column-major
        # copies: partitioning along contiguous rows is faster).
        keys_t = np.ascontiguousarray(keys.T)
        best = _top_along(keys_t, kb, axis=1)
        col_keys = np.hstack([col_keys, np.take_along_axis(keys_t, best, axis=1)])
        col_rows = np.hstack([col_rows, block_rows[best]])
        if col_keys.shape[1] > kb:
            best = _top_along(col_keys, kb, axis=1)
            col_keys = np.take_along_axis(col_keys, best, axis=1)
            col_rows = np.take_along_axis(col_rows, best, axis=1)
    if not keep_all and col_keys.size:
        c, r = np.nonzero(col_keys != SENTINEL)
        parts_a.append(col_rows[c, r])
        parts_b.append(cols[c])
    a = np.concatenate(parts_a) if parts_a else np.zeros(0, np.int64)
    b = np.concatenate(parts_b) if parts_b else np.zeros(0, np.int64)
    # One arc per pair, in (a, b) order.
    width = max(len(scorer.b), 1)
    code = np.unique(a * width + b)
    a, b = code // width, code % width
    score = scorer.score_pairs(a, b)
    keep = score >= problem.min_score - 1e-9
    a, b, score = a[keep], b[keep], score[keep]
    profit = score + scorer.bonus_a[a] + scorer.bonus_b[b]
    return Candidates(a, b, profit, complete=keep_all)


def integer_profits(profit: np.ndarray, budget: float) -> np.ndarray:
    """Profits as integers for the flow: the smallest whole multiplier that makes
    them all whole (weights times 1/2, 1/3, ... usually allow one), so small
    numbers keep cost scaling fast and the result exact; else as fine a grid as
    the int64 budget allows."""
    span = float(np.abs(profit).max(initial=0.0)) or 1.0
    # Float sums of such fractions are off by ~1e-15; this is far above that.
    tolerance = 1e-9 * max(span, 1.0)
    for unit in EXACT_UNITS:
        if unit * span > budget:
            break
        scaled = profit * unit
        if np.all(np.abs(scaled - np.rint(scaled)) <= tolerance * unit):
            return np.rint(scaled).astype(np.int64)
    logger.debug("engine: profits on a grid, not exact multiples")
    unit = min(budget / span, float(FINE_UNITS))
    return np.rint(profit * unit).astype(np.int64)


def flow_solve(
    scorer: Scorer, rows: np.ndarray, cols: np.ndarray, found: Candidates
) -> np.ndarray:
    """Boolean mask over one bucket's candidates: the pairs chosen."""
    if found.a.size == 0:
        return np.zeros(0, dtype=bool)
    capacity_a = scorer.capacity_a[rows]
    capacity_b = scorer.capacity_b[cols]
    n_a, n_b = rows.size, cols.size
    supply = int(min(capacity_a.sum(), capacity_b.sum()))
    pair_factor = min(supply, int(found.a.size)) + 2
    nodes = n_a + n_b + 2
    profit = integer_profits(found.profit, COST_BUDGET / (nodes * pair_factor * 4))
    if scorer.problem.objective == "max_matched":
        # Shifted profits are >= 0, and one more pair outweighs any score gain.
        shift = -min(int(profit.min(initial=0)), 0)
        big = (int(profit.max(initial=0)) + shift + 1) * pair_factor
        costs = -(big + shift + profit)
    else:
        costs = -(profit * pair_factor + 1)
    source, sink = 0, 1
    local_a = np.searchsorted(rows, found.a)
    local_b = np.searchsorted(cols, found.b)
    tails = np.concatenate(
        [[source], np.full(n_a, source), 2 + local_a, 2 + n_a + np.arange(n_b)]
    )
    heads = np.concatenate(
        [[sink], 2 + np.arange(n_a), 2 + n_a + local_b, np.full(n_b, sink)]
    )
    capacities = np.concatenate(
        [[supply], capacity_a, np.ones(found.a.size, np.int64), capacity_b]
    )
    unit_costs = np.concatenate(
        [[0], np.zeros(n_a, np.int64), costs, np.zeros(n_b, np.int64)]
    )
    network = min_cost_flow.SimpleMinCostFlow()
    arcs = network.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        capacities.astype(np.int64),
        unit_costs.astype(np.int64),
    )
    network.set_nodes_supplies(
        np.array([source, sink], np.int32), np.array([supply, -supply], np.int64)
    )
    status = network.solve()
    if status != network.OPTIMAL:
        raise RuntimeError(FLOW_FAILED.format(status=status))
    pair_arcs = arcs[1 + n_a : 1 + n_a + found.a.size]
    return network.flows(pair_arcs) > 0


def _second_round(
    scorer: Scorer,
    rows: np.ndarray,
    cols: np.ndarray,
    k: int,
    found: Candidates,
    chosen: np.ndarray,
) -> tuple[Candidates, np.ndarray]:
    """When only the best candidates were kept, people can be left with room
    although a feasible partner with room exists (everyone they named was taken).
    Add the pairs among the people with room and solve the bucket again."""
    used_a = np.bincount(np.searchsorted(rows, found.a[chosen]), minlength=rows.size)
    used_b = np.bincount(np.searchsorted(cols, found.b[chosen]), minlength=cols.size)
    spare_rows = rows[used_a < scorer.capacity_a[rows]]
    spare_cols = cols[used_b < scorer.capacity_b[cols]]
    if not spare_rows.size or not spare_cols.size:
        return found, chosen
    extra = candidates_build(scorer, spare_rows, spare_cols, k)
    if not extra.a.size:
        return found, chosen
    width = max(len(scorer.b), 1)
    a = np.concatenate([found.a, extra.a])
    b = np.concatenate([found.b, extra.b])
    profit = np.concatenate([found.profit, extra.profit])
    _, first = np.unique(a * width + b, return_index=True)
    merged = Candidates(a[first], b[first], profit[first], complete=False)
    return merged, flow_solve(scorer, rows, cols, merged)


def _explain(
    scorer: Scorer, pair_a: np.ndarray, pair_b: np.ndarray
) -> tuple[np.ndarray, list[list[str]]]:
    """Each chosen pair's score and its reasons, the largest contribution first."""
    parts = [feature.pairs(pair_a, pair_b) for feature in scorer.features]
    scores = np.zeros(pair_a.size)
    for feature, part in zip(scorer.features, parts, strict=True):
        scores += feature.weight * part
    contributions = [
        (feature, part.tolist())
        for feature, part in zip(scorer.features, parts, strict=True)
        if feature.weight > 0
    ]
    explained = []
    for index, (i, j) in enumerate(zip(pair_a.tolist(), pair_b.tolist(), strict=True)):
        reasons: list[tuple[float, int, str]] = []
        for order, (feature, part) in enumerate(contributions):
            score = part[index]
            text = feature.reason(i, j, score) if score > 0 else None
            if text:
                reasons.append((-feature.weight * score, order, text))
        ranked = [text for _, _, text in sorted(reasons)]
        waited = [
            str(days)
            for days, bonus in (
                (scorer.a.people[i].waited_days, scorer.bonus_a[i]),
                (scorer.b.people[j].waited_days, scorer.bonus_b[j]),
            )
            if bonus > 0
        ]
        if waited:
            ranked.append(WAITED_REASON.format(days=" och ".join(waited)))
        explained.append(ranked)
    return scores, explained


def solve(problem: Problem) -> Solution:
    """The optimal set of pairs for the problem; see the module docstring.

    Raises `ProblemError` (a ValueError naming the field at fault) for a
    malformed problem."""
    scorer = Scorer(problem)
    k = candidates_mode(scorer)
    chosen_a: list[np.ndarray] = [np.zeros(0, np.int64)]
    chosen_b: list[np.ndarray] = [np.zeros(0, np.int64)]
    exact = True
    # Buckets share nobody, so each is a flow problem of its own.
    for rows, cols in scorer.buckets:
        found = candidates_build(scorer, rows, cols, k)
        chosen = flow_solve(scorer, rows, cols, found)
        if not found.complete:
            found, chosen = _second_round(scorer, rows, cols, k, found, chosen)
        exact = exact and found.complete
        chosen_a.append(found.a[chosen])
        chosen_b.append(found.b[chosen])
    pair_a = np.concatenate(chosen_a)
    pair_b = np.concatenate(chosen_b)
    order = np.lexsort((pair_b, pair_a))
    pair_a, pair_b = pair_a[order], pair_b[order]
    scores, explained = _explain(scorer, pair_a, pair_b)
    bonuses = scorer.bonus_a[pair_a] + scorer.bonus_b[pair_b]
    pairs = []
    for i, j, score, bonus, reasons in zip(
        pair_a.tolist(),
        pair_b.tolist(),
        scores.tolist(),
        bonuses.tolist(),
        explained,
        strict=True,
    ):
        pairs.append(
            Pair(
                a=scorer.a.people[i].id,
                b=scorer.b.people[j].id,
                score=round(score, 9),
                explanation="; ".join(reasons) or NOTHING_IN_COMMON,
                reasons=reasons,
                bonus=round(bonus, 9),
            )
        )
    matched_a = set(pair_a.tolist())
    matched_b = set(pair_b.tolist())
    total = float(math.fsum(p.score for p in pairs))
    return Solution(
        pairs=pairs,
        total_score=round(total, 9),
        unmatched_a=[p.id for k, p in enumerate(scorer.a.people) if k not in matched_a],
        unmatched_b=[p.id for k, p in enumerate(scorer.b.people) if k not in matched_b],
        objective_value=round(total + float(math.fsum(p.bonus for p in pairs)), 9),
        exact=exact,
    )
