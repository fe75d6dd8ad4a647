"""The program form in the Wagtail admin refuses rules that do not hold together."""

from django_tenants.utils import tenant_context

from matching.programs.rules import CRITERION_QUESTION
from tests.matching.factories import program_admin_form, program_form_data


def test_the_admin_form_refuses_a_criterion_on_a_missing_question(alpha):
    form = program_admin_form(program_form_data(criterion_question="hobbies"))

    with tenant_context(alpha):
        assert not form.is_valid()
    expected = CRITERION_QUESTION.format(
        number=1, kind="shared_answers", question="hobbies"
    )
    assert expected in form.non_field_errors()


def test_the_admin_form_accepts_rules_that_hold_together(alpha):
    form = program_admin_form(program_form_data(criterion_question="interests"))
    with tenant_context(alpha):
        assert form.is_valid(), (
            form.errors,
            [f.errors for fs in form.formsets.values() for f in fs.forms],
        )
