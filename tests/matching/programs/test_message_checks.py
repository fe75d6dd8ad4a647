"""Message templates are checked on save for unknown or malformed placeholders,
against what each message key fills in, so a publish never fails on a template
that was accepted."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.matches.review import match_pair_by_hand, matches_publish
from matching.models import Message, MessageTemplate
from matching.outbox.program_messages import DEFAULT_TEMPLATES
from matching.programs.message_checks import (
    TEMPLATE_KEY_UNKNOWN,
    TEMPLATE_MALFORMED,
    TEMPLATE_PLACEHOLDER_FORM,
    TEMPLATE_PLACEHOLDER_UNKNOWN,
    TEMPLATE_PLACEHOLDERS,
    message_template_problems,
)
from matching.programs.services import program_create_from_template
from matching.programs.templates import TEMPLATES
from tests.matching.factories import (
    ParticipantFactory,
    program_admin_form,
    program_form_data,
)

KICKOFF_NAMES = "{first_name}, {program}, {link}, {partner_first_name}, {when}, {where}"


def _problems(body: str, subject: str = "", key: str = "kickoff") -> list[str]:
    return message_template_problems(
        key=key, channel="email", language="sv", subject=subject, body=body
    )


def test_the_default_and_program_templates_are_accepted():
    for (key, channel), (subject, body) in DEFAULT_TEMPLATES.items():
        assert (
            message_template_problems(
                key=key, channel=channel, subject=subject, body=body
            )
            == []
        ), key
    for template in TEMPLATES.values():
        for message in template.get("messages", []):
            assert message_template_problems(**message) == [], message
    assert _problems("Hej {first_name}! {{inte en platshållare}} {when}") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hej {unknown}!",
            TEMPLATE_PLACEHOLDER_UNKNOWN.format(
                template="kickoff (email, sv)",
                part="body",
                name="unknown",
                names=KICKOFF_NAMES,
            ),
        ),
        (
            # Known to another message, not to this one.
            "Kontakt: {partner_contact}",
            TEMPLATE_PLACEHOLDER_UNKNOWN.format(
                template="kickoff (email, sv)",
                part="body",
                name="partner_contact",
                names=KICKOFF_NAMES,
            ),
        ),
        (
            "Hej {first_name",
            TEMPLATE_MALFORMED.format(
                template="kickoff (email, sv)",
                part="body",
                error="expected '}' before end of string",
            ),
        ),
        (
            "Hej first_name}",
            TEMPLATE_MALFORMED.format(
                template="kickoff (email, sv)",
                part="body",
                error="Single '}' encountered in format string",
            ),
        ),
        (
            "Hej {0}",
            TEMPLATE_PLACEHOLDER_FORM.format(
                template="kickoff (email, sv)", part="body", name="0"
            ),
        ),
        (
            "Hej {}",
            TEMPLATE_PLACEHOLDER_FORM.format(
                template="kickoff (email, sv)", part="body", name=""
            ),
        ),
        (
            "Hej {a.b}",
            TEMPLATE_PLACEHOLDER_FORM.format(
                template="kickoff (email, sv)", part="body", name="a.b"
            ),
        ),
        (
            "Hej {first_name!r:>10}",
            TEMPLATE_PLACEHOLDER_FORM.format(
                template="kickoff (email, sv)", part="body", name="first_name!r:>10"
            ),
        ),
    ],
)
def test_unknown_and_malformed_placeholders_are_named(body, expected):
    assert _problems(body) == [expected]


def test_the_subject_is_checked_and_unknown_keys_refused():
    assert _problems("Hej", subject="Startmöte {datum}")[0].startswith(
        "Message template kickoff (email, sv), subject: {datum}"
    )
    assert _problems("Hej", key="welcome") == [
        TEMPLATE_KEY_UNKNOWN.format(
            template="welcome (email, sv)",
            key="welcome",
            keys=", ".join(TEMPLATE_PLACEHOLDERS),
        )
    ]


def test_the_model_refuses_a_template_on_save(kvinna):
    template = MessageTemplate(
        program=kvinna, key="followup", channel="sms", body="Hej {first_name"
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert error.value.messages == [
        TEMPLATE_MALFORMED.format(
            template="followup (sms, sv)",
            part="body",
            error="expected '}' before end of string",
        )
    ]


def test_creating_a_program_refuses_a_bad_template(alpha):
    from matching.programs.templates import MATCH_SMS

    data = {**TEMPLATES["jarfallakompis"]}
    data["messages"] = [{**MATCH_SMS, "body": "Hej {namn}!"}]
    with tenant_context(alpha):
        from matching.programs.services import program_create

        with pytest.raises(ApplicationError) as error:
            program_create(data={**data, "slug": "jk-2"})
    assert "{namn} is not a placeholder of this message" in error.value.message


def test_the_admin_form_shows_the_template_problem(alpha):
    data = program_form_data(criterion_question="interests")
    data.update(
        {
            "message_templates-TOTAL_FORMS": "1",
            "message_templates-0-key": "match_published",
            "message_templates-0-channel": "email",
            "message_templates-0-language": "sv",
            "message_templates-0-subject": "Matchad i {program}",
            "message_templates-0-body": "Hej {first_name}, din kompis är {0}.",
        }
    )
    form = program_admin_form(data)
    with tenant_context(alpha):
        assert not form.is_valid()
    errors = [
        error
        for inline in form.formsets["message_templates"].forms
        for error in inline.non_field_errors()
    ]
    assert errors == [
        TEMPLATE_PLACEHOLDER_FORM.format(
            template="match_published (email, sv)", part="body", name="0"
        )
    ]


def test_a_template_saved_before_the_check_does_not_stop_a_publish(kvinna):
    MessageTemplate.objects.filter(program=kvinna, key="match_published").update(
        body="Hej {0}, {partner.name}"
    )
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    match_pair_by_hand(program=kvinna, participant_a=amina, participant_b=sara)

    result = matches_publish(program=kvinna, base_url="http://alpha.localhost")

    assert result.published == 1
    email = Message.objects.get(participant=amina, channel="email")
    assert "Vi har matchat dig med Sara" in email.body  # the default text


def test_program_templates_still_create(alpha):
    with tenant_context(alpha):
        for key in TEMPLATES:
            program_create_from_template(template_key=key, slug=f"t-{key}")
