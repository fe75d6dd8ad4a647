"""A coordinator's view of a participant's personal data is logged (who, whom, when,
what view); the tenant's admins read the log, on their own host only."""

from django_tenants.utils import tenant_context

from matching.models import AccessLogEntry, Participant
from matching.roles import ADMINISTRATORS, COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import api_token, signed_in, staff_user
from tests.matching.factories import ParticipantFactory


def test_opening_a_participant_writes_one_entry(alpha, kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="karin")

    page = coordinator.get(
        f"/admin/participants/inspect/{amina.pk}/", HTTP_HOST=ALPHA_HOST
    )

    assert page.status_code == 200
    with tenant_context(alpha):
        entry = AccessLogEntry.objects.get()
        assert (entry.username, entry.participant, entry.participant_ref) == (
            "karin",
            amina,
            amina.pk,
        )
        assert entry.view == AccessLogEntry.View.PARTICIPANT_INSPECT
        assert entry.user.username == "karin" and entry.at is not None


def test_the_staff_api_detail_and_lists_are_logged(alpha, kvinna, client):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    user = staff_user(alpha, group=COORDINATORS, username="api-karin")
    with tenant_context(alpha):
        token = api_token(user)
    auth = {"HTTP_AUTHORIZATION": f"Token {token}", "HTTP_HOST": ALPHA_HOST}

    client.get("/api/v1/staff/participants/", **auth)
    client.get(f"/api/v1/staff/participants/{amina.pk}/", **auth)

    with tenant_context(alpha):
        assert list(
            AccessLogEntry.objects.order_by("pk").values_list("view", "participant")
        ) == [
            (AccessLogEntry.View.API_LIST, None),
            (AccessLogEntry.View.API_DETAIL, amina.pk),
        ]


def test_admins_read_the_log_coordinators_cannot_change_it(alpha, kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="karin")
    coordinator.get(f"/admin/participants/edit/{amina.pk}/", HTTP_HOST=ALPHA_HOST)
    with tenant_context(alpha):
        entry = AccessLogEntry.objects.get(view="participant_edit")
    admin = signed_in(alpha, ALPHA_HOST, group=ADMINISTRATORS)

    listing = admin.get("/admin/access_log/", HTTP_HOST=ALPHA_HOST)
    assert listing.status_code == 200 and "karin" in listing.content.decode()
    assert "amina@example.se" not in listing.content.decode()
    assert (
        admin.get(
            f"/admin/access_log/inspect/{entry.pk}/", HTTP_HOST=ALPHA_HOST
        ).status_code
        == 200
    )
    for who in (admin, coordinator):
        for url in (
            f"/admin/access_log/edit/{entry.pk}/",
            f"/admin/access_log/delete/{entry.pk}/",
        ):
            assert who.get(url, HTTP_HOST=ALPHA_HOST).status_code == 404
            assert who.post(url, HTTP_HOST=ALPHA_HOST).status_code == 404
    refused = coordinator.get("/admin/access_log/", HTTP_HOST=ALPHA_HOST)
    assert refused.status_code == 302 and "karin" not in refused.content.decode()


def test_another_tenants_host_cannot_see_the_log(alpha, beta, kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="karin")
    coordinator.get(f"/admin/participants/inspect/{amina.pk}/", HTTP_HOST=ALPHA_HOST)
    with tenant_context(alpha):
        entry = AccessLogEntry.objects.get()
    betas_admin = signed_in(beta, BETA_HOST, group=ADMINISTRATORS)

    listing = betas_admin.get("/admin/access_log/", HTTP_HOST=BETA_HOST)
    assert listing.status_code == 200 and "karin" not in listing.content.decode()
    assert (
        betas_admin.get(
            f"/admin/access_log/inspect/{entry.pk}/", HTTP_HOST=BETA_HOST
        ).status_code
        == 404
    )


def test_the_entry_outlives_the_participants_row(alpha, kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    coordinator.get(f"/admin/participants/inspect/{amina.pk}/", HTTP_HOST=ALPHA_HOST)

    with tenant_context(alpha):
        Participant.objects.filter(pk=amina.pk).delete()
        entry = AccessLogEntry.objects.get()
        assert entry.participant is None and entry.participant_ref == amina.pk
