"""Coordinators in the tenant's Wagtail admin: programs from templates, rules checked,
registrations filtered, notes and status actions; nothing crosses tenants."""

from django.test import Client
from django_tenants.utils import tenant_context

from matching.models import Participant, Program, StaffNote
from matching.participants.registration import registration_submit
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.factories import registration_data


def _coordinator(tenant, host) -> Client:
    """A member of the tenant's Samordnare, signed in to its admin."""
    return signed_in(tenant, host, group=COORDINATORS, username="koordinator")


def _participant(kvinna, **overrides) -> Participant:
    return registration_submit(
        program=kvinna,
        side_key="a",
        data=registration_data(**overrides),
        base_url="http://alpha.localhost",
    ).participant


def test_a_coordinator_creates_a_program_from_a_template(alpha):
    admin = _coordinator(alpha, ALPHA_HOST)
    assert (
        "Skapa ett program från en mall"
        in admin.get("/admin/programs/", HTTP_HOST=ALPHA_HOST).content.decode()
    )

    response = admin.post(
        "/admin/matchning/program/fran-mall/",
        {"template": "jarfallakompis"},
        HTTP_HOST=ALPHA_HOST,
    )

    program = Program.objects.get(template_key="jarfallakompis")
    assert response["Location"] == f"/admin/programs/edit/{program.pk}/"
    edit = admin.get(response["Location"], HTTP_HOST=ALPHA_HOST)
    assert edit.status_code == 200
    assert "Barnens åldrar" in edit.content.decode()


def test_registrations_are_listed_filtered_and_handled(alpha, kvinna):
    first = _participant(kvinna)
    _participant(
        kvinna, email="sara@example.se", first_name="Sara", municipality="0162"
    )
    admin = _coordinator(alpha, ALPHA_HOST)

    listing = admin.get(
        "/admin/participants/", {"municipality": "0162"}, HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert "Sara" in listing and "Amina" not in listing

    url = f"/admin/matchning/deltagare/{first.pk}/"
    admin.post(
        url + "note/",
        {"body": "Ringde, vill träffas på kvällar."},
        HTTP_HOST=ALPHA_HOST,
    )
    admin.post(
        url + "unavailable/", {"reason": "Flyttar i sommar"}, HTTP_HOST=ALPHA_HOST
    )
    first.refresh_from_db()
    assert first.status == Participant.Status.UNAVAILABLE
    assert StaffNote.objects.filter(
        participant=first, body__startswith="Ringde"
    ).exists()
    inspect = admin.get(
        f"/admin/participants/inspect/{first.pk}/", HTTP_HOST=ALPHA_HOST
    ).content.decode()
    assert "Ringde, vill träffas på kvällar." in inspect
    admin.post(url + "queue/", HTTP_HOST=ALPHA_HOST)
    first.refresh_from_db()
    assert first.status == Participant.Status.QUEUED


def test_betas_admin_cannot_see_or_change_alphas_registrations(alpha, beta, kvinna):
    participant = _participant(kvinna)
    admin = _coordinator(beta, BETA_HOST)

    assert (
        "Amina"
        not in admin.get("/admin/participants/", HTTP_HOST=BETA_HOST).content.decode()
    )
    assert (
        admin.get(
            f"/admin/participants/inspect/{participant.pk}/", HTTP_HOST=BETA_HOST
        ).status_code
        == 404
    )
    response = admin.post(
        f"/admin/matchning/deltagare/{participant.pk}/unavailable/",
        {"reason": "x"},
        HTTP_HOST=BETA_HOST,
    )
    assert response.status_code == 404
    with tenant_context(alpha):  # requests leave the connection on beta's schema
        participant.refresh_from_db()
    assert participant.status == Participant.Status.PENDING
