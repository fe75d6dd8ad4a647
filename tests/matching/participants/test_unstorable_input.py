"""A NUL character or half a surrogate pair, wherever it is sent (a form field, an
answer, a query string, a JSON body), is a clear 400 and nothing is saved; it
never reaches PostgreSQL, which would end the request in a 500."""

import json

import pytest

from matching.models import Participant
from tests.conftest import ALPHA_HOST
from tests.matching.factories import REGISTRATION_FORM as FORM


# A form body is UTF-8 (a broken sequence arrives as U+FFFD, which is storable), so
# a lone surrogate can only come in a JSON escape; a NUL can come in either.
@pytest.mark.parametrize("field", ["first_name", "q_languages", "phone", "q_field"])
def test_a_form_field_with_it_is_refused(client, kvinna, field):
    response = client.post(
        f"/anmalan/{kvinna.slug}/?side=a",
        {**FORM, field: "ab\x00c"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert "inte kan sparas" in response.content.decode()
    assert not Participant.objects.exists()


def test_the_message_comes_in_the_pages_language(client, kvinna):
    response = client.post(
        f"/ar/anmalan/{kvinna.slug}/?side=a",
        {**FORM, "first_name": "A\x00"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert "لا يمكن حفظه" in response.content.decode()


def test_a_json_body_with_it_is_refused_anywhere_in_it(client, kvinna):
    body = {
        "side": "a",
        "first_name": "Amina",
        "email": "amina@example.se",
        "gender": "woman",
        "birth_date": "1995-04-12",
        "municipality": "0182",
        "consent": True,
        "answers": {"languages": "sv\u0000", "field": "health"},
    }
    response = client.post(
        f"/api/v1/programs/{kvinna.slug}/registrations/",
        json.dumps(body),
        content_type="application/json",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert (
        "cannot be stored" in response.json()["detail"]
        or "sparas" in (response.json()["detail"])
    )
    broken = '{"side": "a", "first_name": "\\ud800"}'
    response = client.post(
        f"/api/v1/programs/{kvinna.slug}/registrations/",
        broken,
        content_type="application/json",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_a_query_string_with_it_is_refused(client, kvinna):
    response = client.get(f"/anmalan/{kvinna.slug}/?side=a%00", HTTP_HOST=ALPHA_HOST)
    assert response.status_code == 400


def test_ordinary_text_in_any_script_passes(client, kvinna):
    response = client.post(
        f"/anmalan/{kvinna.slug}/?side=a",
        {**FORM, "first_name": "أمينة 🌷", "q_languages": "العربية, svenska"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 302
    assert Participant.objects.get().first_name == "أمينة 🌷"
