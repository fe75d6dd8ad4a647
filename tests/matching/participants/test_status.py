"""Only people who can be matched are published: pausing, withdrawing and being
marked unavailable delete the person's open proposals; publishing refuses (and
names) a person who can no longer be matched and publishes the rest; time paused
is not time waiting."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from config.errors import ApplicationError
from matching.matches.problem import match_problem_build
from matching.matches.review import (
    PUBLISH_NO_ROOM,
    PUBLISH_NOT_WAITING,
    match_pair_by_hand,
    matches_publish,
)
from matching.matches.selectors import participants_waiting
from matching.models import Match, MatchRun, Message, Participant, ParticipantToken
from matching.participants.selectors import queue_position
from matching.participants.status import (
    participant_pause,
    participant_resume,
    participant_withdraw,
)
from matching.participants.tokens import participant_token_issue
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST, BETA_HOST
from tests.factories import api_token
from tests.matching.committed import committed_program, together
from tests.matching.factories import ParticipantFactory
from tests.workers import REDIS_SERVER

BASE = "http://alpha.localhost"


def _proposal(program, a, b) -> Match:
    return match_pair_by_hand(program=program, participant_a=a, participant_b=b)


def _signed_in(participant) -> Client:
    browser = Client()
    token = participant_token_issue(
        participant=participant, purpose=ParticipantToken.Purpose.MANAGE
    )
    browser.get(f"/deltagare/oppna/{token}/", HTTP_HOST=ALPHA_HOST)
    return browser


def test_pausing_and_withdrawing_on_the_own_page_remove_the_proposals(kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    leila = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Leila", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    karin = ParticipantFactory(
        program=kvinna, side_key="b", first_name="Karin", waited=1
    )
    first = _proposal(kvinna, amina, sara)
    second = _proposal(kvinna, leila, karin)

    assert (
        _signed_in(amina).post("/deltagare/pausa/", HTTP_HOST=ALPHA_HOST).status_code
        == 302
    )
    assert Participant.objects.get(pk=amina.pk).status == "paused"
    assert not Match.objects.filter(pk=first.pk).exists()  # deleted, not rejected
    assert sara in participants_waiting(program=kvinna)  # free to be paired again

    _signed_in(karin).post("/deltagare/avsluta/", HTTP_HOST=ALPHA_HOST)
    assert Participant.objects.get(pk=karin.pk).status == "withdrawn"
    assert not Match.objects.filter(pk=second.pk).exists()


def test_a_coordinator_marking_someone_unavailable_removes_their_proposals(
    client, alpha, kvinna
):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    proposal = _proposal(kvinna, amina, sara)
    with tenant_context(alpha):
        user = get_user_model().objects.create_user(
            "samordnare-unavailable", password="pw-123456789", is_staff=True
        )
        user.groups.add(Group.objects.get(name=COORDINATORS))
        token = api_token(user)

    response = client.post(
        f"/api/v1/staff/participants/{sara.pk}/status/",
        {"action": "mark_unavailable", "reason": "Sjuk en tid"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_HOST=ALPHA_HOST,
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "unavailable"
    assert not Match.objects.filter(pk=proposal.pk).exists()
    # Another tenant's host cannot do it to alpha's people.
    other = client.post(
        f"/api/v1/staff/participants/{amina.pk}/status/",
        {"action": "mark_unavailable", "reason": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_HOST=BETA_HOST,
    )
    assert other.status_code in (401, 403, 404)
    with tenant_context(alpha):
        assert Participant.objects.get(pk=amina.pk).status == "queued"


def test_publishing_refuses_and_names_who_can_no_longer_be_matched(kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    leila = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Leila", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    karin = ParticipantFactory(
        program=kvinna, side_key="b", first_name="Karin", waited=1
    )
    kept = _proposal(kvinna, amina, sara)
    stale = _proposal(kvinna, leila, karin)
    # Changed without the services (e.g. data from before this rule).
    Participant.objects.filter(pk=karin.pk).update(status="withdrawn")

    result = matches_publish(program=kvinna, base_url=BASE)

    assert result.published == 1
    karin.status = "withdrawn"
    assert result.refused == [
        (
            stale.pk,
            PUBLISH_NOT_WAITING.format(
                name=str(karin),
                status=karin.get_status_display(),
                a=str(leila),
                b=str(karin),
            ),
        )
    ]
    assert Match.objects.get(pk=kept.pk).status == "published"
    assert Match.objects.get(pk=stale.pk).status == "proposed"
    assert not Message.objects.filter(participant__in=[leila, karin]).exists()

    # Only refused proposals left: nothing is published and the message says why.
    with pytest.raises(ApplicationError) as refused:
        matches_publish(program=kvinna, base_url=BASE)
    assert refused.value.message == result.refused[0][1]


def test_publishing_refuses_a_person_with_no_room_for_another_match(kvinna):
    amina = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=1
    )
    sara = ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    _proposal(kvinna, amina, sara)
    matches_publish(program=kvinna, base_url=BASE)
    eva = ParticipantFactory(program=kvinna, side_key="b", first_name="Eva", waited=1)
    second = _proposal(kvinna, Participant.objects.get(pk=amina.pk), eva)

    with pytest.raises(ApplicationError) as refused:
        matches_publish(program=kvinna, base_url=BASE)

    assert refused.value.message == PUBLISH_NO_ROOM.format(
        name=str(amina), a=str(amina), b=str(eva)
    )
    assert Match.objects.get(pk=second.pk).status == "proposed"


def test_time_paused_is_not_time_waiting(kvinna):
    now = timezone.now()
    early = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Amina", waited=50
    )
    late = ParticipantFactory(
        program=kvinna, side_key="a", first_name="Leila", waited=20
    )
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara", waited=1)
    assert queue_position(early) == 1

    participant_pause(participant=early)
    Participant.objects.filter(pk=early.pk).update(
        paused_at=now - timedelta(days=40, hours=1)
    )
    early.refresh_from_db()
    participant_resume(participant=early)

    early.refresh_from_db()
    assert early.status == "queued" and early.paused_at is None
    assert early.paused_days == 40
    assert queue_position(late) == 1
    assert queue_position(early) == 2
    problem = match_problem_build(program=kvinna, run=MatchRun(program=kvinna))
    waited = {person.id: person.waited_days for person in problem.side_a}
    assert waited == {str(early.pk): 10, str(late.pk): 20}


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_withdrawing_while_a_coordinator_publishes_never_publishes_the_withdrawn(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):
        amina = ParticipantFactory(
            program=program, side_key="a", first_name="Amina", waited=1
        )
        sara = ParticipantFactory(
            program=program, side_key="b", first_name="Sara", waited=1
        )
        proposal = _proposal(program, amina, sara)

        def publish():
            return matches_publish(program=program, base_url=BASE)

        def withdraw():
            return participant_withdraw(participant=Participant.objects.get(pk=sara.pk))

        results = together(alpha, publish, withdraw)

        sara.refresh_from_db()
        match = Match.objects.filter(pk=proposal.pk).first()
        if sara.status == "withdrawn":  # the withdrawal came first
            assert match is None
            assert not Message.objects.filter(participant=sara).exists()
        else:  # the publish came first; a matched person cannot withdraw here
            assert match.status == "published" and sara.status == "matched"
            assert isinstance(results[1], ApplicationError)
