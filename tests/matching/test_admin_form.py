"""The program form in the Wagtail admin refuses rules that do not hold together."""

from django_tenants.utils import tenant_context

from matching.models import Program
from matching.programs.admin import ProgramViewSet
from matching.programs.rules import CRITERION_QUESTION


def _form_data(criterion_question: str) -> dict:
    data = {
        "name": "Språkvänner",
        "slug": "sprakvanner",
        "summary": "",
        "status": "draft",
        "consent_purpose": "Matchning",
        "consent_recipients": "Samordnarna",
        "retention_months": "12",
        "waiting_bonus_per_30_days": "0.5",
        "reminder_after_days": "30",
    }
    sides = [("a", "Ny"), ("b", "Etablerad")]
    data.update(
        {
            "sides-TOTAL_FORMS": "2",
            "sides-INITIAL_FORMS": "0",
            "sides-MIN_NUM_FORMS": "2",
            "sides-MAX_NUM_FORMS": "2",
        }
    )
    for number, (key, name) in enumerate(sides):
        prefix = f"sides-{number}-"
        data.update(
            {
                prefix + "key": key,
                prefix + "name_sv": name,
                prefix + "capacity_default": "1",
                prefix + "capacity_max": "1",
                prefix + "genders": "[]",
                prefix + "municipalities": "[]",
                prefix + "required_answers": "{}",
                prefix + "ORDER": str(number + 1),
            }
        )
    data.update(
        {
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
            "questions-0-key": "interests",
            "questions-0-sides": "both",
            "questions-0-kind": "multiple_choice",
            "questions-0-label_sv": "Intressen",
            "questions-0-choices": '[{"value": "cooking", "sv": "Matlagning"}]',
            "questions-0-required": "on",
            "questions-0-ORDER": "1",
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "1000",
            "criteria-0-kind": "shared_answers",
            "criteria-0-question_key": criterion_question,
            "criteria-0-weight": "2",
            "criteria-0-params": "{}",
            "criteria-0-ORDER": "1",
        }
    )
    for name in ("constraints", "message_templates"):
        data.update(
            {
                f"{name}-TOTAL_FORMS": "0",
                f"{name}-INITIAL_FORMS": "0",
                f"{name}-MIN_NUM_FORMS": "0",
                f"{name}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def _form(data):
    form_class = ProgramViewSet("programs").get_form_class()
    return form_class(data=data, instance=Program())


def test_the_admin_form_refuses_a_criterion_on_a_missing_question(alpha):
    form = _form(_form_data(criterion_question="hobbies"))

    with tenant_context(alpha):
        assert not form.is_valid()
    expected = CRITERION_QUESTION.format(
        number=1, kind="shared_answers", question="hobbies"
    )
    assert expected in form.non_field_errors()


def test_the_admin_form_accepts_rules_that_hold_together(alpha):
    form = _form(_form_data(criterion_question="interests"))
    with tenant_context(alpha):
        assert form.is_valid(), (
            form.errors,
            [f.errors for fs in form.formsets.values() for f in fs.forms],
        )
