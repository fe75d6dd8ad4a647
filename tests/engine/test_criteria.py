"""What each criterion prefers, and the hard constraints."""

import pytest

from matching.engine import Constraint, Criterion, Person, Problem, solve


def _pairs(solution) -> list[tuple[str, str]]:
    return [(pair.a, pair.b) for pair in solution.pairs]


def test_session_theme_prefers_the_coach_with_that_theme() -> None:
    youth = [Person("y1", attributes={"themes": ["interview"], "languages": ["dari"]})]
    coaches = [
        Person("c1", attributes={"themes": ["finance"], "languages": ["dari"]}),
        Person("c2", attributes={"themes": ["interview"], "languages": ["svenska"]}),
    ]
    criteria = [
        Criterion("session_theme", "themes", 5.0),
        Criterion("shared_answers", "languages", 1.0),
    ]
    interview = solve(Problem(youth, coaches, criteria, session_theme="interview"))
    assert _pairs(interview) == [("y1", "c2")]
    assert interview.pairs[0].reasons == ["båda har valt temat interview"]
    finance = solve(Problem(youth, coaches, criteria, session_theme="finance"))
    assert _pairs(finance) == [("y1", "c1")]


def test_session_theme_on_one_side_only() -> None:
    youth = [Person("y1", attributes={"themes": []})]
    coaches = [
        Person("c1", attributes={"themes": ["finance"]}),
        Person("c2", attributes={"themes": ["conflict"]}),
    ]
    criteria = [Criterion("session_theme", "themes", 1.0, {"sides": "b"})]
    solution = solve(Problem(youth, coaches, criteria, session_theme="conflict"))
    assert _pairs(solution) == [("y1", "c2")]
    assert solution.pairs[0].score == 1.0


def test_children_ages_match_families_with_children_of_the_same_age() -> None:
    families_a = [
        Person("a1", attributes={"children_ages": [1, 3]}),
        Person("a2", attributes={"children_ages": [12]}),
    ]
    families_b = [
        Person("b1", attributes={"children_ages": [11, 13]}),
        Person("b2", attributes={"children_ages": [2]}),
    ]
    criteria = [Criterion("children_ages", "children_ages", 1.0)]
    assert _pairs(solve(Problem(families_a, families_b, criteria))) == [
        ("a1", "b2"),
        ("a2", "b1"),
    ]


def test_stated_preference() -> None:
    side_a = [Person("a1", attributes={"wish": ["woman"], "gender": "woman"})]
    side_b = [
        Person("b1", attributes={"gender": "man"}),
        Person("b2", attributes={"gender": "woman"}),
    ]
    criteria = [Criterion("stated_preference", "wish", 1.0, {"attribute": "gender"})]
    solution = solve(Problem(side_a, side_b, criteria, min_score=1.0))
    assert _pairs(solution) == [("a1", "b2")]


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        (Constraint("same_gender"), [("a1", "b2")]),
        (Constraint("same_municipality"), [("a1", "b1")]),
        (Constraint("same_answer", "field"), [("a1", "b3")]),
        (Constraint("max_age_difference", params={"years": 5}), [("a1", "b2")]),
        (Constraint("min_age_difference", params={"years": 20}), [("a1", "b3")]),
    ],
)
def test_hard_constraints(constraint: Constraint, expected) -> None:
    side_a = [
        Person(
            "a1",
            attributes={
                "gender": "woman",
                "municipality": "0123",
                "age": 30,
                "field": "it",
            },
        )
    ]
    side_b = [
        Person(
            "b1",
            attributes={
                "gender": "man",
                "municipality": "0123",
                "age": 40,
                "field": "law",
            },
        ),
        Person(
            "b2",
            attributes={"gender": "woman", "municipality": "0180", "age": 33},
        ),
        Person(
            "b3",
            attributes={
                "gender": "man",
                "municipality": "0180",
                "age": 60,
                "field": "it",
            },
        ),
    ]
    # Without the constraint every mentor would do; b1 would be picked first.
    criteria = [Criterion("number_closeness", "age", 0.0)]
    problem = Problem(side_a, side_b, criteria, [constraint])
    assert _pairs(solve(problem)) == expected


def test_missing_answer_for_a_same_answer_constraint_matches_nobody() -> None:
    side_a = [
        Person("a1", attributes={}),
        Person("a2", attributes={"household": "family"}),
    ]
    side_b = [Person("b1", attributes={"household": "family"})]
    solution = solve(
        Problem(side_a, side_b, [], [Constraint("same_answer", "household")])
    )
    assert _pairs(solution) == [("a2", "b1")]
    assert solution.unmatched_a == ["a1"]


def test_min_score_leaves_poor_pairs_unmade() -> None:
    side_a = [
        Person("a1", attributes={"i": ["x"]}),
        Person("a2", attributes={"i": ["z"]}),
    ]
    side_b = [
        Person("b1", attributes={"i": ["x"]}),
        Person("b2", attributes={"i": ["y"]}),
    ]
    criteria = [Criterion("shared_answers", "i", 1.0)]
    assert len(solve(Problem(side_a, side_b, criteria)).pairs) == 2
    strict = solve(Problem(side_a, side_b, criteria, min_score=0.5))
    assert _pairs(strict) == [("a1", "b1")]
    assert strict.unmatched_a == ["a2"]
    assert strict.unmatched_b == ["b2"]


def test_waiting_bonus_lets_the_long_waiting_go_first() -> None:
    """Two mentees want the one mentor; the newcomer scores higher, but after
    enough waiting the other is matched first."""
    mentor = [Person("m", attributes={"i": ["x", "y"]})]
    newcomer = Person("new", attributes={"i": ["x", "y"]})
    criteria = [Criterion("shared_answers", "i", 1.0)]

    def chosen(days: int) -> str:
        waiting = Person("old", waited_days=days, attributes={"i": ["x", "z"]})
        problem = Problem(
            [waiting, newcomer], mentor, criteria, waiting_bonus_per_30_days=0.1
        )
        return solve(problem).pairs[0].a

    # new scores 1, old 0.5: the bonus must exceed 0.5, i.e. more than 150 days.
    assert chosen(0) == "new"
    assert chosen(120) == "new"
    assert chosen(180) == "old"


def test_empty_sides_and_no_criteria() -> None:
    assert solve(Problem([], [Person("b")], [])).pairs == []
    solution = solve(Problem([Person("a")], [Person("b")], []))
    assert _pairs(solution) == [("a", "b")]
    assert solution.total_score == 0.0


def test_negative_weight_is_a_penalty() -> None:
    side_a = [Person("a1", attributes={"f": "x"}), Person("a2", attributes={"f": "y"})]
    side_b = [Person("b1", attributes={"f": "x"}), Person("b2", attributes={"f": "y"})]
    criteria = [
        Criterion("same_answer", "f", -1.0),
        Criterion("number_closeness", "n", 0.0),
    ]
    solution = solve(Problem(side_a, side_b, criteria, min_score=-5.0))
    assert _pairs(solution) == [("a1", "b2"), ("a2", "b1")]
    assert solution.total_score == 0.0


def test_capacity_on_both_sides() -> None:
    side_a = [Person("a1", capacity=2, attributes={"i": ["x", "y"]})]
    side_b = [
        Person("b1", attributes={"i": ["x"]}),
        Person("b2", attributes={"i": ["y"]}),
        Person("b3", attributes={"i": ["z"]}),
    ]
    criteria = [Criterion("shared_answers", "i", 1.0)]
    solution = solve(Problem(side_a, side_b, criteria, min_score=0.5))
    assert _pairs(solution) == [("a1", "b1"), ("a1", "b2")]
    assert solution.unmatched_b == ["b3"]
