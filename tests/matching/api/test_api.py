import json

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from knox.models import AuthToken

from matching.models import Participant
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import PASSWORD, api_token, authenticator_code, staff_user
from tests.matching.factories import ParticipantFactory, registration_data


def _post(client, slug, payload, host=ALPHA_HOST):
    return client.post(
        f"/api/v1/programs/{slug}/registrations/",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_HOST=host,
    )


def _api_payload(**overrides):
    data = registration_data(**overrides)
    data["side"] = data.pop("side", "a")
    data["arrived_in_sweden_year"] = 2021
    return data


def _coordinator(tenant, username="samordnare"):
    """An API token of a member of the tenant's Samordnare."""
    user = staff_user(tenant, group=COORDINATORS, username=username)
    with tenant_context(tenant):
        return api_token(user)


def test_open_programs_are_listed_with_their_questions(client, kvinna):
    data = client.get("/api/v1/programs/", HTTP_HOST=ALPHA_HOST).json()
    assert [p["slug"] for p in data["results"]] == [kvinna.slug]
    assert {q["key"] for q in data["results"][0]["questions"]} >= {"field", "employed"}


def test_registration_through_the_api(client, kvinna):
    response = _post(client, kvinna.slug, _api_payload())
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "check_email"
    assert Participant.objects.get().status == Participant.Status.PENDING


@pytest.mark.parametrize(
    ("payload", "text"),
    [
        (_api_payload(unexpected="x"), "Unknown fields: unexpected"),
        (_api_payload(email="nope"), "email"),
        (_api_payload(birth_date=12), "birth_date"),
        (_api_payload(first_name="x" * 10_000), "first_name"),
        (_api_payload(answers="not a dict"), "answers"),
        (_api_payload(gender="man"), "kvinnor och tjejer"),
    ],
)
def test_bad_registrations_get_a_400_with_a_json_reason(client, kvinna, payload, text):
    response = _post(client, kvinna.slug, payload)
    assert response.status_code == 400
    assert text in json.dumps(response.json(), ensure_ascii=False)
    assert not Participant.objects.exists()


def test_non_json_bodies_are_refused_cleanly(client, kvinna):
    for body in ["[1, 2]", "not json", '"text"']:
        response = client.post(
            f"/api/v1/programs/{kvinna.slug}/registrations/",
            data=body,
            content_type="application/json",
            HTTP_HOST=ALPHA_HOST,
        )
        assert response.status_code == 400


def test_another_tenants_program_is_not_found(client, kvinna):
    assert _post(client, kvinna.slug, _api_payload(), host=BETA_HOST).status_code == 404


def test_staff_endpoints_need_a_coordinator(client, alpha, kvinna):
    assert client.get(
        "/api/v1/staff/participants/", HTTP_HOST=ALPHA_HOST
    ).status_code in (401, 403)
    with tenant_context(alpha):
        visitor = get_user_model().objects.create_user(
            "visitor", password="pw-123456789"
        )
        # A token made for someone outside the API's groups (as one who left them
        # keeps theirs) does not authenticate.
        token = AuthToken.objects.create(user=visitor)[1]
    response = client.get(
        "/api/v1/staff/participants/",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code == 401


def test_coordinators_list_filter_and_act_on_participants(client, alpha, kvinna):
    _post(client, kvinna.slug, _api_payload())
    _post(
        client, kvinna.slug, _api_payload(email="sara@example.se", municipality="0162")
    )
    token = _coordinator(alpha)
    auth = {"HTTP_AUTHORIZATION": f"Token {token}", "HTTP_HOST": ALPHA_HOST}

    listed = client.get(
        "/api/v1/staff/participants/", {"municipality": "0162"}, **auth
    ).json()
    assert [p["email"] for p in listed["results"]] == ["sara@example.se"]
    participant_id = listed["results"][0]["id"]

    response = client.post(
        f"/api/v1/staff/participants/{participant_id}/status/",
        data={"action": "mark_unavailable", "reason": ""},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Skriv varför (högst 200 tecken)."
    response = client.post(
        f"/api/v1/staff/participants/{participant_id}/status/",
        data={"action": "mark_unavailable", "reason": "Sjukskriven"},
        content_type="application/json",
        **auth,
    )
    assert response.json()["status"] == "unavailable"
    response = client.post(
        f"/api/v1/staff/participants/{participant_id}/status/",
        data={"action": "return_to_queue"},
        content_type="application/json",
        **auth,
    )
    assert response.json()["status"] == "queued"


def test_betas_coordinator_sees_nothing_of_alphas_participants(
    client, alpha, beta, kvinna
):
    _post(client, kvinna.slug, _api_payload())
    participant_id = Participant.objects.get().pk
    beta_token = _coordinator(beta)
    auth = {"HTTP_AUTHORIZATION": f"Token {beta_token}", "HTTP_HOST": BETA_HOST}

    assert client.get("/api/v1/staff/participants/", **auth).json()["results"] == []
    assert (
        client.get(f"/api/v1/staff/participants/{participant_id}/", **auth).status_code
        == 404
    )
    # Beta's token presented on alpha's host is not a valid token there.
    on_alpha = client.get(
        "/api/v1/staff/participants/",
        HTTP_AUTHORIZATION=f"Token {beta_token}",
        HTTP_HOST=ALPHA_HOST,
    )
    assert on_alpha.status_code in (401, 403)


def test_the_openapi_schema_lists_staff_endpoints_only_to_staff(client, alpha, kvinna):
    response = client.get("/api/schema/", HTTP_HOST=ALPHA_HOST)
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/programs/{slug}/registrations/" in text
    assert "/api/v1/staff/token/" in text
    assert "/api/v1/staff/participants/" not in text

    token = _coordinator(alpha)
    staff = client.get(
        "/api/schema/", HTTP_HOST=ALPHA_HOST, HTTP_AUTHORIZATION=f"Token {token}"
    ).content.decode()
    assert "/api/v1/staff/participants/" in staff
    assert "/api/v1/staff/programs/{slug}/match-runs/" in staff


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=300),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(
    [
        "side",
        "first_name",
        "email",
        "phone",
        "gender",
        "birth_date",
        "municipality",
        "arrived_in_sweden_year",
        "answers",
        "consent",
        "language",
        "last_name",
        "x",
    ]
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    payload=st.one_of(
        st.dictionaries(field_names, json_values, max_size=13),
        st.builds(
            lambda overrides: {**_api_payload(), **overrides},
            st.dictionaries(field_names, json_values, max_size=3),
        ),
        json_values,
    )
)
def test_fuzzed_registrations_never_cause_a_server_error(client, kvinna, payload):
    try:
        body = json.dumps(payload)
    except ValueError:
        return
    response = client.post(
        f"/api/v1/programs/{kvinna.slug}/registrations/",
        data=body,
        content_type="application/json",
        HTTP_HOST=ALPHA_HOST,
    )
    assert response.status_code in (202, 400), (response.status_code, payload)
    assert response["Content-Type"].startswith("application/json")


def test_staff_get_a_token_for_their_own_tenant_only(client, alpha, beta):
    user = staff_user(alpha, group=COORDINATORS, username="anna")
    credentials = {
        "username": user.username,
        "password": PASSWORD,
        "otp": authenticator_code(user, tenant=alpha),
    }
    on_alpha = client.post("/api/v1/staff/token/", credentials, HTTP_HOST=ALPHA_HOST)
    assert on_alpha.status_code == 200 and on_alpha.json()["token"]
    assert (
        client.post(
            "/api/v1/staff/token/", credentials, HTTP_HOST=BETA_HOST
        ).status_code
        == 400
    )


def test_matching_through_the_staff_api(
    client, alpha, kvinna, django_capture_on_commit_callbacks
):

    ParticipantFactory(program=kvinna, side_key="a", first_name="Amina", waited=1)
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    token = _coordinator(alpha, "koord")
    auth = {"HTTP_AUTHORIZATION": f"Token {token}", "HTTP_HOST": ALPHA_HOST}

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/v1/staff/programs/{kvinna.slug}/match-runs/",
            {"min_score": -1},
            content_type="application/json",
            **auth,
        )
    assert started.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/v1/staff/programs/{kvinna.slug}/match-runs/",
            {},
            content_type="application/json",
            **auth,
        )
    assert started.status_code == 202
    run = client.get(f"/api/v1/staff/match-runs/{started.json()['id']}/", **auth).json()
    assert run["status"] == "done" and run["proposals"] == 1
    proposals = client.get(
        f"/api/v1/staff/programs/{kvinna.slug}/proposals/", **auth
    ).json()["results"]
    assert proposals[0]["explanation"]
    published = client.post(
        f"/api/v1/staff/programs/{kvinna.slug}/publish/",
        {},
        content_type="application/json",
        **auth,
    )
    assert published.json() == {"published": 1, "refused": []}
    again = client.post(
        f"/api/v1/staff/programs/{kvinna.slug}/publish/",
        {},
        content_type="application/json",
        **auth,
    )
    assert (
        again.status_code == 400
        and again.json()["message"] == "There are no proposals to publish."
    )
