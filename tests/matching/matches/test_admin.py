"""Coordinators run matching, follow it, review and publish in the admin."""

from matching.models import Match, MatchRun, Message
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import signed_in
from tests.matching.factories import ParticipantFactory, match_run_now


def test_run_review_and_publish_in_the_admin(
    alpha, kvinna, django_capture_on_commit_callbacks
):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    ParticipantFactory(
        program=kvinna, side_key="a", first_name="Leila", field="it", waited=1
    )
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    ParticipantFactory(
        program=kvinna, side_key="b", first_name="Karin", field="it", waited=1
    )
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="koordinator")
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
    admin = signed_in(beta, BETA_HOST, group=COORDINATORS, username="koordinator")
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

    ParticipantFactory(program=kvinna, side_key="a", first_name="Amina", waited=1)
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url="http://alpha.localhost")
    match = Match.objects.get()
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="koordinator")
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

    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    match_run_now(kvinna, django_capture_on_commit_callbacks)
    matches_publish(program=kvinna, base_url="http://alpha.localhost")
    match = Match.objects.get()
    admin = signed_in(alpha, ALPHA_HOST, group=COORDINATORS, username="koordinator")
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
