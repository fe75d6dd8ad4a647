"""Coordinators run matching, follow it, review and publish in the admin."""

from matching.models import Match, MatchRun, Message
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.matching.test_admin import _coordinator
from tests.matching.test_services_matches import _person


def test_run_review_and_publish_in_the_admin(
    alpha, kvinna, django_capture_on_commit_callbacks
):
    amina = _person(kvinna, "a", "Amina")
    _person(kvinna, "a", "Leila", field="it")
    _person(kvinna, "b", "Sara")
    _person(kvinna, "b", "Karin", field="it")
    admin = _coordinator(alpha, ALPHA_HOST)
    review = f"/admin/matchning/program/{kvinna.pk}/"
    assert (
        "Inga förslag just nu"
        in admin.get(review, HTTP_HOST=ALPHA_HOST).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            review + "run/",
            {"objective": "max_score", "min_score": "0"},
            HTTP_HOST=ALPHA_HOST,
        )
    run = MatchRun.objects.get()
    status = admin.get(
        f"/admin/matchning/korning/{run.pk}/", HTTP_HOST=ALPHA_HOST
    ).json()
    assert status["status"] == "done" and status["progress"] == 100
    page = admin.get(review, HTTP_HOST=ALPHA_HOST).content.decode()
    assert "Förslag (2)" in page and "Amina" in page

    first, second = Match.objects.order_by("pk")
    admin.post(review + "swap/", {"match": [first.pk, second.pk]}, HTTP_HOST=ALPHA_HOST)
    assert Match.objects.get(pk=first.pk).participant_b_id == second.participant_b_id

    admin.post(review + "publish/", HTTP_HOST=ALPHA_HOST)
    assert set(Match.objects.values_list("status", flat=True)) == {"published"}
    assert (
        Message.objects.filter(
            participant=amina, template_key="match_published"
        ).count()
        == 2
    )
    messages_page = admin.get("/admin/messages/", HTTP_HOST=ALPHA_HOST).content.decode()
    assert "amina@example.se" in messages_page

    bad = admin.post(
        review + "run/", {"min_score": "much"}, HTTP_HOST=ALPHA_HOST, follow=True
    )
    assert "minimum score must be a number" in bad.content.decode()


def test_another_tenants_coordinator_cannot_reach_the_program(beta, kvinna):
    admin = _coordinator(beta, BETA_HOST)
    assert (
        admin.get(
            f"/admin/matchning/program/{kvinna.pk}/", HTTP_HOST=BETA_HOST
        ).status_code
        == 404
    )
    assert (
        admin.post(
            f"/admin/matchning/program/{kvinna.pk}/publish/", HTTP_HOST=BETA_HOST
        ).status_code
        == 404
    )


def test_a_kickoff_meeting_is_booked_and_both_are_told(
    alpha, kvinna, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from matching.matches.review import matches_publish
    from tests.matching.test_services_matches import _run

    _person(kvinna, "a", "Amina")
    _person(kvinna, "b", "Sara")
    _run(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url="http://alpha.localhost")
    match = Match.objects.get()
    admin = _coordinator(alpha, ALPHA_HOST)
    url = f"/admin/matchning/matchning/{match.pk}/startmote/"

    past = admin.post(
        url,
        {"when": "2020-01-01T10:00", "where": "Nacka"},
        HTTP_HOST=ALPHA_HOST,
        follow=True,
    )
    assert "in the future" in past.content.decode()
    when = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    admin.post(url, {"when": when, "where": "Nacka stadshus"}, HTTP_HOST=ALPHA_HOST)

    match.refresh_from_db()
    assert match.kickoff_at is not None
    kickoff = Message.objects.filter(template_key="kickoff")
    assert (
        kickoff.filter(channel="email").count() == 2
        and kickoff.filter(channel="sms").count() == 2
    )
    assert "Nacka stadshus" in kickoff.first().body
    assert (
        "Boka startmöte"
        in admin.get(
            f"/admin/matches/inspect/{match.pk}/", HTTP_HOST=ALPHA_HOST
        ).content.decode()
    )


def test_a_coordinator_ends_a_match_with_a_reason(
    alpha, kvinna, django_capture_on_commit_callbacks
):
    from matching.matches.review import matches_publish
    from matching.models import ForbiddenPair, Participant
    from tests.matching.test_services_matches import _run

    amina = _person(kvinna, "a", "Amina")
    _person(kvinna, "b", "Sara")
    _run(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url="http://alpha.localhost")
    match = Match.objects.get()
    admin = _coordinator(alpha, ALPHA_HOST)
    url = f"/admin/matchning/matchning/{match.pk}/avsluta/"

    no_reason = admin.post(url, {"reason": ""}, HTTP_HOST=ALPHA_HOST, follow=True)
    assert "Say why the match ends" in no_reason.content.decode()
    admin.post(
        url,
        {"reason": "Flyttar", "requeue_a": "on", "forbid_again": "on"},
        HTTP_HOST=ALPHA_HOST,
    )

    match.refresh_from_db()
    assert match.status == "ended" and match.end_reason == "Flyttar"
    assert Participant.objects.get(pk=amina.pk).status == "queued"
    assert ForbiddenPair.objects.filter(participant_a=amina).exists()
