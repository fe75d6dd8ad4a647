"""A visitor registers on the tenant's site, confirms by the e-mail link, and
manages their registration; nothing of it shows on another tenant's host."""

import json

from django.test import Client

from matching.models import Participant
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.matching.factories import REGISTRATION_FORM as FORM
from tests.matching.inbox import link_in_last_message


def _register(client: Client, kvinna, **changes) -> Client:
    return client.post(
        f"/anmalan/{kvinna.slug}/?side=a", {**FORM, **changes}, HTTP_HOST=ALPHA_HOST
    )


def test_the_program_offers_its_two_sides(client, kvinna):
    body = client.get(f"/anmalan/{kvinna.slug}/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Anmäl dig som adept" in body and "Anmäl dig som mentor" in body


def test_the_form_asks_the_sides_questions_and_explains_consent(client, kvinna):
    body = client.get(
        f"/anmalan/{kvinna.slug}/?side=b", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert "Har du ett arbete?" in body  # asked of mentors only
    assert "Vem ser dem:" in body and "12 månader" in body
    assert 'lang="sv"' in body
    adept_form = client.get(f"/anmalan/{kvinna.slug}/?side=a", HTTP_HOST=ALPHA_HOST)
    assert "Har du ett arbete?" not in adept_form.content.decode()


def test_errors_are_shown_named_and_announced(client, kvinna):
    response = _register(client, kvinna, email="nope", q_field="")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in body
    assert "Skriv en giltig e-postadress" in body
    assert 'aria-invalid="true"' in body
    assert not Participant.objects.exists()


def test_register_confirm_and_see_the_place_in_the_queue(client, kvinna):
    response = _register(client, kvinna)
    assert response.status_code == 302
    assert response["Location"] == f"/anmalan/{kvinna.slug}/tack/"
    assert (
        "Kolla din e-post"
        in client.get(response["Location"], HTTP_HOST=ALPHA_HOST).content.decode()
    )

    confirm = link_in_last_message("amina@example.se", "/deltagare/bekrafta/")
    assert client.get(confirm, HTTP_HOST=ALPHA_HOST)["Location"] == "/deltagare/"
    home = client.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "I kön" in home and "nummer 1 i kön" in home
    assert Participant.objects.get().status == Participant.Status.QUEUED


def test_self_service_pause_export_edit_and_erase(client, kvinna):
    _register(client, kvinna)
    client.get(
        link_in_last_message("amina@example.se", "/deltagare/bekrafta/"),
        HTTP_HOST=ALPHA_HOST,
    )

    client.post("/deltagare/pausa/", HTTP_HOST=ALPHA_HOST)
    assert Participant.objects.get().status == Participant.Status.PAUSED
    client.post("/deltagare/ateruppta/", HTTP_HOST=ALPHA_HOST)
    assert Participant.objects.get().status == Participant.Status.QUEUED

    edit = client.post(
        "/deltagare/svar/",
        {"q_field": "it", "q_availability": ["weekend"], "q_languages": "svenska"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert edit.status_code == 302
    assert Participant.objects.get().answers["field"] == "it"

    export = client.get("/deltagare/mina-uppgifter.json", HTTP_HOST=ALPHA_HOST)
    data = json.loads(export.content)
    assert data["email"] == "amina@example.se" and data["answers"]["field"] == "it"
    assert "attachment" in export["Content-Disposition"]

    client.post("/deltagare/radera/", {"confirm": "yes"}, HTTP_HOST=ALPHA_HOST)
    erased = Participant.objects.get()
    assert erased.status == Participant.Status.ERASED
    assert (erased.first_name, erased.email, erased.answers) == ("", "", {})
    assert (
        client.get("/deltagare/", HTTP_HOST=ALPHA_HOST)["Location"]
        == "/deltagare/ny-lank/"
    )


def test_a_new_link_reopens_self_service(client, kvinna):
    _register(client, kvinna)
    response = client.post(
        "/deltagare/ny-lank/", {"email": "amina@example.se"}, HTTP_HOST=ALPHA_HOST
    )
    assert response.status_code == 200
    link = link_in_last_message("amina@example.se", "/deltagare/oppna/")
    fresh = Client()
    assert fresh.get(link, HTTP_HOST=ALPHA_HOST)["Location"] == "/deltagare/"
    assert (
        "Väntar på att du bekräftar"
        in fresh.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    )
    assert Client().get(link, HTTP_HOST=ALPHA_HOST).status_code == 400  # used once


def test_another_tenants_host_knows_nothing_of_the_program_or_the_person(
    client, kvinna
):
    _register(client, kvinna)
    confirm = link_in_last_message("amina@example.se", "/deltagare/bekrafta/")

    assert (
        client.get(f"/anmalan/{kvinna.slug}/", HTTP_HOST=BETA_HOST).status_code == 404
    )
    assert client.get(confirm, HTTP_HOST=BETA_HOST).status_code == 400
    other = Client()
    other.get(confirm, HTTP_HOST=ALPHA_HOST)
    # The participant's session on alpha is worthless on beta's host.
    assert (
        other.get("/deltagare/", HTTP_HOST=BETA_HOST)["Location"]
        == "/deltagare/ny-lank/"
    )


def test_participants_choose_their_channels(client, kvinna):
    _register(client, kvinna)
    client.get(
        link_in_last_message("amina@example.se", "/deltagare/bekrafta/"),
        HTTP_HOST=ALPHA_HOST,
    )

    client.post("/deltagare/kanaler/", {"email": "on"}, HTTP_HOST=ALPHA_HOST)

    participant = Participant.objects.get()
    assert participant.sms_opt_out and not participant.email_opt_out
    assert (
        'id="channel-sms" name="sms">'
        in client.get("/deltagare/", HTTP_HOST=ALPHA_HOST).content.decode()
    )
