"""Each pair comes with reasons in Swedish words, the largest contribution first."""

from matching.engine import Criterion, Person, Problem, solve

LABELS = {
    "interests": {"hiking": "Vandring", "cooking": "Matlagning", "games": "Spel"},
    "field": {"it": "IT och data"},
}


def _pair(a: dict, b: dict, criteria: list[Criterion], **options):
    solution = solve(
        Problem(
            side_a=[Person("a", attributes=a)],
            side_b=[Person("b", attributes=b)],
            criteria=criteria,
            **{"labels": LABELS, **options},
        )
    )
    assert len(solution.pairs) == 1
    return solution.pairs[0]


def test_interests_children_and_municipality() -> None:
    pair = _pair(
        {
            "interests": ["hiking", "cooking"],
            "children_ages": [2, 4],
            "municipality": "0123",
        },
        {
            "interests": ["cooking", "hiking"],
            "children_ages": [2, 4],
            "municipality": "0123",
        },
        [
            Criterion("shared_answers", "interests", 3.0),
            Criterion("children_ages", "children_ages", 2.0),
            Criterion("same_municipality", weight=1.0),
        ],
    )
    assert pair.explanation == (
        "gemensamma intressen: vandring, matlagning; "
        "barn i åldrarna 2 och 4 på båda sidor; samma kommun"
    )
    assert pair.score == 6.0


def test_reasons_ordered_by_contribution_and_only_what_is_shared() -> None:
    pair = _pair(
        {"interests": ["games", "hiking"], "field": "it", "children_ages": [3]},
        {"interests": ["games"], "field": "it", "children_ages": [5, 9]},
        [
            Criterion("shared_answers", "interests", 1.0),
            Criterion("same_answer", "field", 4.0),
            Criterion("children_ages", "children_ages", 2.0, {"scale_years": 3}),
        ],
    )
    assert pair.reasons == [
        "samma område: IT och data",
        "gemensamma intressen: spel",
        "barn i åldrarna 3 respektive 5 och 9",
    ]


def test_unlabelled_values_and_municipality_name() -> None:
    pair = _pair(
        {"languages": ["dari", "svenska"], "municipality": "0127"},
        {"languages": ["svenska"], "municipality": "0127"},
        [
            Criterion("shared_answers", "languages", 1.0),
            Criterion("same_municipality", weight=0.5),
        ],
        labels={"municipality": {"0127": "Botkyrka"}},
    )
    assert pair.reasons == ["gemensamma språk: svenska", "samma kommun (Botkyrka)"]


def test_nothing_in_common() -> None:
    pair = _pair(
        {"interests": ["games"]},
        {"interests": ["hiking"]},
        [Criterion("shared_answers", "interests", 1.0)],
    )
    assert pair.score == 0.0
    assert pair.reasons == []
    assert pair.explanation == "inget gemensamt utöver programmets krav"


def test_waiting_time_is_mentioned() -> None:
    pair = _pair(
        {"interests": ["games"]},
        {"interests": ["games"]},
        [Criterion("shared_answers", "interests", 1.0)],
        waiting_bonus_per_30_days=1.0,
    )
    assert pair.reasons == ["gemensamma intressen: spel"]
    solution = solve(
        Problem(
            side_a=[Person("a", waited_days=90, attributes={"interests": ["games"]})],
            side_b=[Person("b", attributes={"interests": ["games"]})],
            criteria=[Criterion("shared_answers", "interests", 1.0)],
            waiting_bonus_per_30_days=1.0,
        )
    )
    assert solution.pairs[0].reasons[-1] == "väntetid 90 dagar"
    assert solution.pairs[0].bonus == 3.0
    assert solution.total_score == 1.0
    assert solution.objective_value == 4.0


def test_number_and_preference() -> None:
    pair = _pair(
        {"age": 30, "wish": "woman", "gender": "man"},
        {"age": 34, "wish": "any", "gender": "woman"},
        [
            Criterion("number_closeness", "age", 1.0, {"scale": 10}),
            Criterion("stated_preference", "wish", 1.0, {"attribute": "gender"}),
        ],
    )
    assert pair.reasons == ["önskemål om kön uppfyllt", "nära i ålder (30 och 34)"]
    assert pair.score == 1.6
