import pytest

from config.errors import ApplicationError
from matching.models import Program
from matching.programs import rules
from matching.programs.rules import program_rules_problems
from matching.programs.services import program_create, program_create_from_template
from matching.programs.templates import TEMPLATES


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_real_program_template_makes_a_valid_program(alpha, key):
    from django_tenants.utils import tenant_context

    with tenant_context(alpha):
        program = program_create_from_template(template_key=key)
        assert program.sides.count() == 2
        assert program.questions.exists()
        assert program.criteria.exists()
        assert program.template_key == key
        assert program.status == Program.Status.DRAFT


def _rules(**changes):
    rules = {
        "sides": [
            {"key": "a", "name_sv": "Adept"},
            {"key": "b", "name_sv": "Mentor", "capacity_max": 2},
        ],
        "questions": [
            {"key": "field", "kind": "single_choice", "choices": [{"value": "it"}]}
        ],
        "criteria": [{"kind": "same_answer", "question_key": "field", "weight": 2}],
        "constraints": [],
    }
    rules.update(changes)
    return rules


def test_valid_rules_have_no_problems():
    assert program_rules_problems(**_rules()) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {
                "criteria": [
                    {"kind": "shared_answers", "question_key": "hobbies", "weight": 1}
                ]
            },
            rules.CRITERION_QUESTION.format(
                number=1, kind="shared_answers", question="hobbies"
            ),
        ),
        (
            {
                "criteria": [
                    {"kind": "same_answer", "question_key": "field", "weight": "much"}
                ]
            },
            rules.CRITERION_WEIGHT.format(number=1, kind="same_answer", weight="much"),
        ),
        (
            {
                "sides": [
                    {"key": "a", "name_sv": " "},
                    {"key": "b", "name_sv": "Mentor"},
                ]
            },
            rules.SIDE_NAME_EMPTY.format(key="a"),
        ),
        (
            {"sides": [{"key": "a", "name_sv": "Adept"}]},
            rules.SIDES_COUNT.format(count=1),
        ),
        (
            {
                "sides": [
                    {"key": "a", "name_sv": "A", "min_age": 30, "max_age": 20},
                    {"key": "b", "name_sv": "B"},
                ]
            },
            rules.SIDE_AGES.format(key="a", low=30, high=20),
        ),
        (
            {
                "sides": [
                    {"key": "a", "name_sv": "A", "municipalities": ["9999"]},
                    {"key": "b", "name_sv": "B"},
                ]
            },
            rules.SIDE_MUNICIPALITY.format(key="a", code="9999"),
        ),
        (
            {"questions": [{"key": "field", "kind": "single_choice", "choices": []}]},
            rules.QUESTION_CHOICES.format(key="field"),
        ),
        (
            {"constraints": [{"kind": "same_answer", "question_key": "nope"}]},
            rules.CONSTRAINT_QUESTION.format(
                number=1, kind="same_answer", question="nope"
            ),
        ),
    ],
)
def test_invalid_rules_are_named(changes, problem):
    assert problem in program_rules_problems(**_rules(**changes))


def test_program_create_refuses_invalid_rules_and_saves_nothing(alpha):
    from django_tenants.utils import tenant_context

    with tenant_context(alpha):
        with pytest.raises(ApplicationError) as error:
            program_create(
                data={
                    "name": "Trasigt",
                    "consent_purpose": "x",
                    **_rules(
                        criteria=[
                            {"kind": "same_answer", "question_key": "x", "weight": 1}
                        ]
                    ),
                }
            )
        assert "refers to the question 'x'" in error.value.message
        assert not Program.objects.filter(name="Trasigt").exists()


def test_unknown_template_and_taken_slug_are_refused(alpha):
    from django_tenants.utils import tenant_context

    with tenant_context(alpha):
        with pytest.raises(ApplicationError, match="no program template called 'nope'"):
            program_create_from_template(template_key="nope")
        program_create_from_template(template_key="kvinna")
        with pytest.raises(ApplicationError, match="already exists"):
            program_create_from_template(template_key="kvinna")
