"""Property: text PostgreSQL cannot store (a NUL, a lone surrogate), anywhere in a
public form, the public API or the staff API (with a coordinator's token), is a
400 that names the field, and nothing changes; any other text never gives a 500."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.models import Participant
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST
from tests.factories import api_token, staff_user
from tests.matching.factories import REGISTRATION_FORM, ParticipantFactory

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
# A form body is UTF-8, where a lone surrogate cannot travel; JSON escapes it.
around = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    max_size=12,
)
form_bad = st.tuples(around, st.just("\x00"), around).map("".join)
json_bad = st.tuples(around, st.sampled_from(["\x00", "\ud800", "\udfff"]), around).map(
    "".join
)


@pytest.fixture
def coordinator_auth(alpha):
    user = staff_user(alpha, group=COORDINATORS, username="samordnare")
    return {"HTTP_AUTHORIZATION": f"Token {api_token(user)}", "HTTP_HOST": ALPHA_HOST}


@EXAMPLES
@given(field=st.sampled_from(sorted(REGISTRATION_FORM)), text=form_bad)
def test_a_registration_form_field(client, kvinna, field, text):
    response = client.post(
        f"/anmalan/{kvinna.slug}/?side=a",
        {**REGISTRATION_FORM, field: text},
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert f"“{field}”" in response.content.decode()
    assert not Participant.objects.exists()


@EXAMPLES
@given(
    path=st.sampled_from(
        [("first_name",), ("email",), ("answers", "languages"), ("answers", "x")]
    ),
    text=json_bad,
)
def test_the_registration_api(client, kvinna, path, text):
    body = {
        "side": "a",
        "first_name": "Amina",
        "email": "amina@example.se",
        "consent": True,
        "answers": {"languages": "sv"},
    }
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = text
    response = client.post(
        f"/api/v1/programs/{kvinna.slug}/registrations/",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 400
    assert response.json()["field"] == ".".join(path)
    assert not Participant.objects.exists()


@pytest.fixture
def amina(kvinna) -> Participant:
    return ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")


@EXAMPLES
@given(field=st.sampled_from(["action", "reason"]), text=json_bad)
def test_the_staff_status_api(client, amina, coordinator_auth, field, text):
    before = Participant.objects.get(pk=amina.pk).status
    body = {"action": "mark_unavailable", "reason": "sjuk", field: text}

    response = client.post(
        f"/api/v1/staff/participants/{amina.pk}/status/",
        data=json.dumps(body),
        content_type="application/json",
        **coordinator_auth,
    )
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert Participant.objects.get(pk=amina.pk).status == before


@EXAMPLES
@given(
    params=st.dictionaries(
        st.sampled_from(["program", "side", "status", "municipality", "page"]),
        st.text(
            alphabet=st.characters(
                blacklist_categories=["Cs"], blacklist_characters="\x00"
            ),
            max_size=30,
        ),
        max_size=4,
    )
)
def test_any_storable_filter_on_the_staff_list_is_never_a_500(
    client, kvinna, coordinator_auth, params
):
    response = client.get("/api/v1/staff/participants/", params, **coordinator_auth)
    assert response.status_code in (200, 404), (params, response.status_code)


@EXAMPLES
@given(name=st.sampled_from(["program", "status"]), text=form_bad)
def test_a_query_parameter_with_it(client, kvinna, coordinator_auth, name, text):
    response = client.get(
        "/api/v1/staff/participants/", {name: text}, **coordinator_auth
    )
    assert response.status_code == 400
    assert response.json()["field"] == name
