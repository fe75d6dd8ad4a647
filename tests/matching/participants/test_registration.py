import pytest
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.models import Message, Participant
from matching.participants import registration
from matching.participants.registration import registration_confirm, registration_submit
from matching.participants.selectors import queue_position
from matching.participants.tokens import LINK_USED
from matching.programs import eligibility
from tests.matching.factories import registration_data
from tests.matching.inbox import link_in_last_message

BASE = "http://alpha.localhost"


def _submit(program, side="a", **overrides):
    return registration_submit(
        program=program,
        side_key=side,
        data=registration_data(**overrides),
        base_url=BASE,
    )


def test_registration_waits_for_email_confirmation(kvinna):
    result = _submit(kvinna)

    participant = result.participant
    assert result.created
    assert participant.status == Participant.Status.PENDING
    assert str(participant.phone) == "+46701234567"
    assert participant.answers["languages"] == ["arabiska", "svenska"]
    assert "Syfte:" in participant.consent_text
    message = Message.objects.get(to="amina@example.se")
    assert message.subject == "Bekräfta din anmälan till Kv(in)na"
    assert queue_position(participant) is None


def test_the_confirmation_link_puts_them_in_the_queue_once(kvinna):
    first = _submit(kvinna).participant
    token = link_in_last_message("amina@example.se", "/deltagare/bekrafta/").split("/")[
        -2
    ]
    _submit(kvinna, email="sara@example.se", first_name="Sara")
    second_token = link_in_last_message(
        "sara@example.se", "/deltagare/bekrafta/"
    ).split("/")[-2]

    assert registration_confirm(token=token).status == Participant.Status.QUEUED
    registration_confirm(token=second_token)
    first.refresh_from_db()
    assert queue_position(first) == 1
    assert queue_position(Participant.objects.get(email="sara@example.se")) == 2
    with pytest.raises(ApplicationError) as error:
        registration_confirm(token=token)
    assert error.value.message == LINK_USED


def test_the_same_email_again_creates_no_duplicate(kvinna):
    _submit(kvinna)
    again = _submit(kvinna, email="AMINA@example.se", first_name="Someone")

    assert not again.created
    assert Participant.objects.filter(program=kvinna).count() == 1
    assert Participant.objects.get().first_name == "Amina"
    assert Message.objects.filter(subject__startswith="Du är redan anmäld").count() == 1


@pytest.mark.parametrize(
    ("side", "overrides", "message"),
    [
        (
            "a",
            {"gender": "man"},
            eligibility.NOT_GENDER.format(
                side="Adept", program="Kv(in)na", genders="kvinnor och tjejer"
            ),
        ),
        (
            "a",
            {"municipality": "0180"},
            "Kv(in)na är för dig som bor i Danderyd, Nacka, Nykvarn, Nynäshamn, Sundbyberg eller Salem.",
        ),
        (
            "a",
            {"birth_date": "2015-01-01"},
            eligibility.TOO_YOUNG.format(side="Adept", program="Kv(in)na", age=16),
        ),
        (
            "b",
            {
                "answers": {
                    "employed": "no",
                    "field": "it",
                    "availability": ["weekend"],
                    "languages": "svenska",
                }
            },
            eligibility.ANSWER_REQUIRED.format(
                side="Mentor", program="Kv(in)na", question="Har du ett arbete?"
            ),
        ),
    ],
)
def test_ineligible_people_get_a_kind_clear_message(kvinna, side, overrides, message):
    with pytest.raises(ApplicationError) as error:
        _submit(kvinna, side=side, **overrides)
    assert error.value.message == message
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        ({"email": "not-an-email"}, registration.EMAIL_INVALID, "email"),
        ({"phone": "12"}, registration.PHONE_INVALID, "phone"),
        ({"birth_date": "12/04/1995"}, registration.DATE_INVALID, "birth_date"),
        (
            {"first_name": "x" * 81},
            registration.FIELD_TOO_LONG.format(label="förnamn", limit=80),
            "first_name",
        ),
        ({"consent": False}, registration.CONSENT_REQUIRED, "consent"),
        ({"municipality": "Nacka"}, registration.MUNICIPALITY_INVALID, "municipality"),
        (
            {"answers": {"field": "astronaut"}},
            registration.ANSWER_INVALID.format(
                label="Inom vilket område arbetar du eller vill du arbeta?"
            ),
            "answers.field",
        ),
        (
            {"first_name": ["a", "list"]},
            registration.FIELD_REQUIRED.format(label="förnamn"),
            "first_name",
        ),
    ],
)
def test_bad_input_is_named(kvinna, overrides, message, field):
    with pytest.raises(ApplicationError) as error:
        _submit(kvinna, **overrides)
    assert error.value.message == message
    assert error.value.extra["field"] == field


def test_a_closed_program_takes_no_registrations(kvinna):
    kvinna.status = "closed"
    kvinna.save()
    with pytest.raises(ApplicationError, match="just nu"):
        _submit(kvinna)


def test_registrations_stay_in_their_tenant(kvinna, beta):
    _submit(kvinna)
    with tenant_context(beta):
        assert not Participant.objects.exists()
        assert not Message.objects.exists()
