"""Each role signs in as a member of the group provisioning made and walks its pages:
coordinators do all of a coordinator's work; editors, publishers and referrers see
none of the participants' personal data (not in menus, not by URL, not in the API)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from wagtail.models import Site

from cms.services import EDITORS_GROUP, PUBLISHERS_GROUP
from matching.matches.review import matches_publish
from matching.models import (
    AccessLogEntry,
    Event,
    EventRsvp,
    FollowUp,
    Match,
    MatchRun,
    Message,
)
from matching.roles import COORDINATORS, REFERRERS
from tenants.services.support import support_user_for
from tests.conftest import ALPHA_HOST
from tests.factories import PASSWORD, api_token, client_of, signed_in, staff_user
from tests.matching.factories import ParticipantFactory, match_run_now

SECRET = "amina@example.se"


@pytest.fixture
def world(alpha, kvinna, django_capture_on_commit_callbacks) -> dict:
    """A program with a published match, a follow-up, an event with an RSVP and
    messages: every kind of personal data a coordinator handles."""
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    run = match_run_now(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url="http://alpha.localhost")
    match = Match.objects.get()
    followup = FollowUp.objects.create(
        match=match, participant=amina, kind="first_month", rating=4, comment="Bra"
    )
    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        program=kvinna,
        title="Nätverksträff",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    EventRsvp.objects.create(event=event, participant=amina, answer="yes")
    return {
        "program": kvinna,
        "amina": amina,
        "run": run,
        "match": match,
        "followup": followup,
        "event": event,
        "message": Message.objects.filter(participant=amina).first(),
        "site": Site.objects.get(is_default_site=True),
    }


def _personal_pages(world) -> list[str]:
    """Every admin page that shows a participant's personal data."""
    w = world
    return [
        "/admin/participants/",
        f"/admin/participants/inspect/{w['amina'].pk}/",
        f"/admin/participants/edit/{w['amina'].pk}/",
        f"/admin/matchning/program/{w['program'].pk}/",
        f"/admin/matchning/korning/{w['run'].pk}/",
        "/admin/matches/",
        f"/admin/matches/inspect/{w['match'].pk}/",
        "/admin/followups/",
        f"/admin/followups/inspect/{w['followup'].pk}/",
        "/admin/messages/",
        f"/admin/messages/inspect/{w['message'].pk}/",
        "/admin/events/",
        f"/admin/events/inspect/{w['event'].pk}/",
    ]


def _api_pages(world) -> list[str]:
    slug = world["program"].slug
    return [
        "/api/v1/staff/participants/",
        f"/api/v1/staff/participants/{world['amina'].pk}/",
        "/api/v1/staff/programs/",
        f"/api/v1/staff/match-runs/{world['run'].pk}/",
        f"/api/v1/staff/programs/{slug}/proposals/",
    ]


def _assert_sees_no_personal_data(client, world):
    for url in _personal_pages(world):
        response = client.get(url, HTTP_HOST=ALPHA_HOST)
        assert response.status_code in (302, 403, 404), url
        assert SECRET not in response.content.decode(), url
    for url in _api_pages(world):
        response = client.get(url, HTTP_HOST=ALPHA_HOST)
        assert response.status_code in (401, 403), url
        assert SECRET not in response.content.decode(), url
    home = client.get("/admin/", HTTP_HOST=ALPHA_HOST, follow=True).content.decode()
    for screen in ("participants", "matches", "messages", "followups", "events"):
        assert f"/admin/{screen}/" not in home
    assert SECRET not in home
    assert not AccessLogEntry.objects.exclude(view__endswith="_list").exists()


def _opens(client, url: str) -> str:
    response = client.get(url, HTTP_HOST=ALPHA_HOST)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _lands_without_refusal(client, response) -> str:
    """Follow an action's redirect: the page it sends a coordinator to opens."""
    assert response.status_code == 302, response.status_code
    landing = client.get(response["Location"], HTTP_HOST=ALPHA_HOST)
    assert landing.status_code == 200, response["Location"]
    html = landing.content.decode()
    assert "permission" not in html.lower(), response["Location"]
    return html


def test_a_coordinator_does_all_of_a_coordinators_work(world, alpha):
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    home = _opens(admin, "/admin/")
    # The menu (JSON in the sidebar) links the coordinator's screens.
    assert "/admin/participants/" in home and "/admin/matches/" in home
    assert "/admin/access_log/" not in home
    for url in _personal_pages(world):
        _opens(admin, url)
    assert SECRET in _opens(admin, f"/admin/participants/inspect/{world['amina'].pk}/")
    assert "Amina" in _opens(admin, f"/admin/events/inspect/{world['event'].pk}/")
    _opens(admin, "/admin/programs/")
    _opens(admin, f"/admin/programs/edit/{world['program'].pk}/")
    _opens(admin, "/admin/events/new/")
    _opens(admin, f"/admin/events/edit/{world['event'].pk}/")
    _opens(admin, f"/admin/settings/matching/messagingsettings/{world['site'].pk}/")

    # Each action sends the coordinator to a page that opens for them.
    _lands_without_refusal(
        admin,
        admin.post(
            "/admin/matchning/program/fran-mall/",
            {"template": "jarfallakompis"},
            HTTP_HOST=ALPHA_HOST,
        ),
    )
    notes = _lands_without_refusal(
        admin,
        admin.post(
            f"/admin/matchning/deltagare/{world['amina'].pk}/note/",
            {"body": "Ringde henne."},
            HTTP_HOST=ALPHA_HOST,
        ),
    )
    assert "Ringde henne." in notes
    when = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    _lands_without_refusal(
        admin,
        admin.post(
            f"/admin/matchning/matchning/{world['match'].pk}/startmote/",
            {"when": when, "where": "Nacka stadshus"},
            HTTP_HOST=ALPHA_HOST,
        ),
    )
    _lands_without_refusal(
        admin,
        admin.post(
            f"/admin/matchning/matchning/{world['match'].pk}/avsluta/",
            {"reason": "Flyttar"},
            HTTP_HOST=ALPHA_HOST,
        ),
    )
    _lands_without_refusal(
        admin,
        admin.post(
            f"/admin/matchning/program/{world['program'].pk}/run/",
            {"objective": "max_score", "min_score": "0"},
            HTTP_HOST=ALPHA_HOST,
        ),
    )
    created = admin.post(
        "/admin/events/new/",
        {
            "program": world["program"].pk,
            "kind": "network",
            "title": "Höstträff",
            "starts_at": "2027-03-01 18:00",
            "ends_at": "2027-03-01 20:00",
        },
        HTTP_HOST=ALPHA_HOST,
    )
    assert created.status_code == 302 and Event.objects.filter(title="Höstträff")

    # What a coordinator may not do: the access log, and forms around the services.
    assert admin.get("/admin/access_log/", HTTP_HOST=ALPHA_HOST).status_code == 302


def test_a_coordinator_uses_the_staff_api(world, alpha, client):
    user = staff_user(alpha, group=COORDINATORS)
    with tenant_context(alpha):
        token = api_token(user)
    auth = {"HTTP_AUTHORIZATION": f"Token {token}", "HTTP_HOST": ALPHA_HOST}
    for url in _api_pages(world):
        assert client.get(url, **auth).status_code == 200, url
    detail = client.get(_api_pages(world)[1], **auth).json()
    assert detail["email"] == SECRET


@pytest.mark.parametrize("group", [EDITORS_GROUP, PUBLISHERS_GROUP])
def test_editors_and_publishers_see_no_personal_data(world, alpha, group):
    # A coordinator's correction is in Wagtail's history, which names the person.
    coordinator = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    coordinator.post(
        f"/admin/participants/edit/{world['amina'].pk}/",
        {"first_name": "Amina", "last_name": "Hassan", "municipality": "0182"},
        HTTP_HOST=ALPHA_HOST,
    )
    with tenant_context(alpha):
        AccessLogEntry.objects.all().delete()
    editor = signed_in(alpha, ALPHA_HOST, group=group)
    _opens(editor, "/admin/pages/")
    history = editor.get("/admin/reports/site-history/", HTTP_HOST=ALPHA_HOST)
    assert "Hassan" not in history.content.decode()
    if group == PUBLISHERS_GROUP:
        _opens(editor, f"/admin/settings/themes/themesettings/{world['site'].pk}/")
    _assert_sees_no_personal_data(editor, world)
    from django.test import Client
    from knox.models import AuthToken

    user = staff_user(alpha, group=group)
    api = Client()
    refused = api.post(
        "/api/v1/staff/token/",
        {"username": user.username, "password": PASSWORD},
        HTTP_HOST=ALPHA_HOST,
    )
    assert refused.status_code == 403
    with tenant_context(alpha):
        token = AuthToken.objects.create(user=user)[1]  # as if made before
    for url in _api_pages(world):
        response = api.get(
            url, HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST=ALPHA_HOST
        )
        assert response.status_code == 401, url


def test_a_referrer_refers_and_sees_no_personal_data(world, alpha):
    referrer = signed_in(alpha, ALPHA_HOST, group=REFERRERS)
    page = _opens(referrer, "/remiss/")
    assert SECRET not in page
    _assert_sees_no_personal_data(referrer, world)


def test_matches_messages_and_follow_ups_have_no_forms_in_the_admin(world, alpha):
    # The operator's support user, made as a redeemed support link makes it (the
    # one superuser a tenant has): even it finds no forms for service-made rows.
    with tenant_context(alpha):
        support_user = support_user_for(operator_username="anna")
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    support = client_of(support_user)
    # As a redeemed support link leaves the session (the operator passed the
    # second step in the console).
    with tenant_context(alpha):
        session = support.session
        session["support_access_id"] = 1
        session.save()
    for client in (admin, support):
        for url in (
            "/admin/matches/new/",
            f"/admin/matches/edit/{world['match'].pk}/",
            f"/admin/matches/delete/{world['match'].pk}/",
            "/admin/messages/new/",
            f"/admin/messages/edit/{world['message'].pk}/",
            f"/admin/messages/delete/{world['message'].pk}/",
            "/admin/followups/new/",
            f"/admin/followups/edit/{world['followup'].pk}/",
            "/admin/participants/new/",
            "/admin/access_log/new/",
        ):
            assert client.get(url, HTTP_HOST=ALPHA_HOST).status_code == 404, url
        listing = _opens(client, "/admin/matches/")
        assert "/admin/matches/edit/" not in listing
        assert "/admin/matches/new/" not in listing
    assert MatchRun.objects.count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        {"phone": "not a number"},
        {"municipality": "9999"},
        {"first_name": "x" * 500},
        {"first_name": ""},
    ],
)
def test_nothing_a_coordinator_types_in_a_participant_gives_a_500(world, alpha, typed):
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    amina = world["amina"]
    form = {
        "first_name": "Amina",
        "last_name": "",
        "phone": "070-123 45 67",
        "municipality": "0182",
        **typed,
    }
    response = admin.post(
        f"/admin/participants/edit/{amina.pk}/", form, HTTP_HOST=ALPHA_HOST
    )
    assert response.status_code == 200  # the form again, with the error
    amina.refresh_from_db()
    assert (amina.first_name, amina.municipality) == ("Amina", "0182")
    saved = admin.post(
        f"/admin/participants/edit/{amina.pk}/",
        {**form, **{"phone": "070-123 45 67", "municipality": "0162"}}
        | {"first_name": "Amina"},
        HTTP_HOST=ALPHA_HOST,
    )
    assert saved.status_code == 302
    amina.refresh_from_db()
    assert amina.municipality == "0162"


@pytest.mark.parametrize(
    ("action", "typed"),
    [
        ("kickoff", {"when": "2020-13-45T10:00", "where": "Nacka"}),
        ("kickoff", {"when": "imorgon", "where": "x" * 5000}),
        ("end", {"reason": "x" * 5000}),
        ("run", {"session": "abc"}),
        ("run", {"objective": "best", "min_score": "nan"}),
        ("run", {"min_score": "1e999"}),
        ("reject", {"match": "abc"}),
        ("swap", {"match": ["1"]}),
        ("pair", {"a": "x", "b": ""}),
        ("note", {"body": ""}),
        ("unavailable", {"reason": "x" * 5000}),
    ],
)
def test_nothing_a_coordinator_types_in_the_matching_screens_gives_a_500(
    world, alpha, action, typed
):
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS)
    match, program, amina = world["match"], world["program"], world["amina"]
    url = {
        "kickoff": f"/admin/matchning/matchning/{match.pk}/startmote/",
        "end": f"/admin/matchning/matchning/{match.pk}/avsluta/",
        "note": f"/admin/matchning/deltagare/{amina.pk}/note/",
        "unavailable": f"/admin/matchning/deltagare/{amina.pk}/unavailable/",
    }.get(action, f"/admin/matchning/program/{program.pk}/{action}/")

    response = admin.post(url, typed, HTTP_HOST=ALPHA_HOST)

    assert response.status_code in (302, 404), response.status_code
