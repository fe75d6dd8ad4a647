"""A program's rules are checked as a whole by the engine's own validator (every
parameter a criterion or constraint needs) when they are saved, so a run never
fails on rules that were accepted."""

import pytest
from django_tenants.utils import tenant_context

from matching.programs.rules import (
    CONSTRAINT_KIND,
    CONSTRAINT_RULE,
    CRITERION_RULE,
    CRITERION_SESSION_THEME,
    program_rules_problems,
)
from matching.programs.templates import TEMPLATES
from tests.matching.factories import program_admin_form, program_form_data

SIDES = [
    {"key": "a", "name_sv": "Ny", "capacity_default": 1, "capacity_max": 1},
    {"key": "b", "name_sv": "Etablerad", "capacity_default": 1, "capacity_max": 1},
]
QUESTIONS = [
    {"key": "age_gap", "kind": "number"},
    {"key": "themes", "kind": "multiple_choice", "choices": [{"value": "cv"}]},
]


def _problems(criteria=(), constraints=(), per_session=False) -> list[str]:
    return program_rules_problems(
        sides=SIDES,
        questions=QUESTIONS,
        criteria=list(criteria),
        constraints=list(constraints),
        per_session=per_session,
    )


@pytest.mark.parametrize(
    ("criterion", "field", "message"),
    [
        (
            {
                "kind": "number_closeness",
                "question_key": "age_gap",
                "params": {"scale": -1},
            },
            "params.scale",
            "must be a number greater than 0",
        ),
        (
            {
                "kind": "shared_answers",
                "question_key": "themes",
                "params": {"saturate": 0},
            },
            "params.saturate",
            "must be a positive integer",
        ),
        (
            {"kind": "stated_preference", "question_key": "themes", "params": {}},
            "params.attribute",
            "must be a non-empty string",
        ),
        (
            {"kind": "same_answer", "question_key": "themes", "weight": float("inf")},
            "weight",
            "must be a finite number",
        ),
        (
            {"kind": "same_answer", "question_key": "themes", "params": ["x"]},
            "params",
            "must be an object",
        ),
        (
            {
                "kind": "availability",
                "question_key": "themes",
                "params": {"sides": "c"},
            },
            "params.sides",
            "must be one of 'a', 'b' or 'both'",
        ),
    ],
)
def test_each_criterion_goes_through_the_engines_validator(criterion, field, message):
    assert _problems(criteria=[{"weight": 1.0, **criterion}]) == [
        CRITERION_RULE.format(
            number=1, kind=criterion["kind"], field=field, message=message
        )
    ]


def test_each_constraint_goes_through_the_engines_validator():
    assert _problems(
        constraints=[
            {"kind": "max_age_difference", "params": {}},
            {"kind": "min_age_difference", "params": {"years": -2}},
            {"kind": "nearby", "params": {}},
            {"kind": "same_gender", "params": {}},
        ]
    ) == [
        CONSTRAINT_RULE.format(
            number=1,
            kind="max_age_difference",
            field="params.years",
            message="must be a finite number, 0 or more",
        ),
        CONSTRAINT_RULE.format(
            number=2,
            kind="min_age_difference",
            field="params.years",
            message="must be a finite number, 0 or more",
        ),
        CONSTRAINT_KIND.format(number=3, kind="nearby"),
    ]


def test_a_session_theme_needs_a_per_session_program():
    theme = {"kind": "session_theme", "question_key": "themes", "weight": 5.0}
    assert _problems(criteria=[theme]) == [CRITERION_SESSION_THEME.format(number=1)]
    assert _problems(criteria=[theme], per_session=True) == []


def test_every_program_template_passes():
    for key, template in TEMPLATES.items():
        assert (
            program_rules_problems(
                sides=template["sides"],
                questions=template["questions"],
                criteria=template["criteria"],
                constraints=template["constraints"],
                messages=template.get("messages", []),
                per_session=template.get("per_session", False),
            )
            == []
        ), key


def test_the_admin_form_shows_what_the_engine_refuses(alpha):
    data = program_form_data(criterion_question="interests")
    data["criteria-0-params"] = '{"saturate": 0}'
    form = program_admin_form(data)
    with tenant_context(alpha):
        assert not form.is_valid()
    assert form.non_field_errors() == [
        CRITERION_RULE.format(
            number=1,
            kind="shared_answers",
            field="params.saturate",
            message="must be a positive integer",
        )
    ]
