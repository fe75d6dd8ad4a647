from django.contrib.auth import get_user_model
from django.test import Client
from django_tenants.utils import tenant_context

from matching.models import Participant
from matching.roles import REFERRERS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.inbox import link_in_last_message


def _referrer(tenant, username) -> Client:
    """A member of the tenant's Remittenter, signed in."""
    host = ALPHA_HOST if tenant.slug == "alpha" else BETA_HOST
    return signed_in(tenant, host, group=REFERRERS, username=username)


def _refer(client, kvinna, email, first_name="Leila"):
    return client.post(
        "/remiss/",
        {
            "program": kvinna.pk,
            "side_key": "a",
            "first_name": first_name,
            "email": email,
            "organisation": "Arbetsförmedlingen",
        },
        HTTP_HOST=ALPHA_HOST,
    )


def test_a_referred_person_is_invited_and_completes_the_registration(alpha, kvinna):
    referrer = _referrer(alpha, "af-handlaggare")
    assert _refer(referrer, kvinna, "leila@example.se").status_code == 302
    invited = Participant.objects.get(email="leila@example.se")
    assert invited.status == Participant.Status.INVITED

    person = Client()
    link = link_in_last_message("leila@example.se", "/deltagare/inbjudan/")
    form_url = person.get(link, HTTP_HOST=ALPHA_HOST)["Location"]
    assert form_url == f"/anmalan/{kvinna.slug}/?side=a"
    assert (
        "leila@example.se"
        in person.get(form_url, HTTP_HOST=ALPHA_HOST).content.decode()
    )
    person.post(
        form_url,
        {
            "side": "a",
            "first_name": "Leila",
            "email": "leila@example.se",
            "gender": "woman",
            "birth_date": "1990-01-01",
            "municipality": "0183",
            "q_field": "it",
            "q_availability": ["weekend"],
            "q_languages": "dari",
            "consent": "on",
        },
        HTTP_HOST=ALPHA_HOST,
    )
    invited.refresh_from_db()
    assert invited.status == Participant.Status.PENDING
    assert Participant.objects.filter(email="leila@example.se").count() == 1


def test_referrers_see_only_the_status_of_their_own_referrals(alpha, kvinna):
    first = _referrer(alpha, "first")
    second = _referrer(alpha, "second")
    _refer(first, kvinna, "one@example.se", first_name="Ettan")
    _refer(second, kvinna, "two@example.se", first_name="Tvåan")

    page = first.get("/remiss/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Ettan" in page and "Tvåan" not in page
    assert "one@example.se" not in page  # status only, not contact details


def test_referral_needs_the_referrer_role(alpha, kvinna):
    with tenant_context(alpha):
        get_user_model().objects.create_user("plain", password="pw-123456789")
    client = Client()
    client.post(
        "/admin/login/",
        {"username": "plain", "password": "pw-123456789"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert client.get("/remiss/", HTTP_HOST=ALPHA_HOST).status_code in (302, 403)
    assert Client().get("/remiss/", HTTP_HOST=ALPHA_HOST).status_code == 302


def test_every_tenant_starts_with_referrer_and_coordinator_groups(alpha, beta):
    from django.contrib.auth.models import Group

    for tenant in (alpha, beta):
        with tenant_context(tenant):
            referrers = Group.objects.get(name="Remittenter")
            assert list(referrers.permissions.values_list("codename", flat=True)) == [
                "add_referral"
            ]
            coordinators = Group.objects.get(name="Samordnare")
            assert coordinators.permissions.filter(
                codename="change_participant"
            ).exists()


def test_referring_someone_already_registered_tells_the_referrer_nothing(alpha, kvinna):
    from matching.models import Message
    from tests.matching.factories import ParticipantFactory

    registered = ParticipantFactory(
        program=kvinna,
        side_key="a",
        first_name="Amina",
        email="amina@example.se",
        status=Participant.Status.QUEUED,
    )
    referrer = _referrer(alpha, "af-handlaggare")

    new = _refer(referrer, kvinna, "new.person@example.se", first_name="Nora")
    known = _refer(referrer, kvinna, "AMINA@example.se", first_name="Mina")

    assert (known.status_code, known["Location"]) == (
        new.status_code,
        new["Location"],
    )
    page = referrer.get("/remiss/", HTTP_HOST=ALPHA_HOST).content.decode()
    rows = [row for row in page.split("<tr>") if "Nora" in row or "Mina" in row]
    assert len(rows) == 2
    # Both rows alike: the name as typed, "invited"; never Amina's record.
    invited = str(Participant.Status.INVITED.label)
    assert all(invited in row for row in rows), rows
    assert "Amina" not in page and "I kö" not in page
    # Amina is told, in an e-mail of her own; her registration is untouched.
    told = Message.objects.filter(to="amina@example.se").get()
    assert "/deltagare/ny-lank/" in told.body and "Amina" in told.body
    registered.refresh_from_db()
    assert registered.status == Participant.Status.QUEUED
    assert Participant.objects.filter(email__iexact="amina@example.se").count() == 1
