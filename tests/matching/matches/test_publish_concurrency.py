"""Publishing is exactly once: two publishes at the same moment (a double click, two
coordinators, the API and the admin) publish each proposal once and send each
person one e-mail and one SMS. Real concurrent transactions on committed data."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from matching.matches.review import (
    NOTHING_TO_PUBLISH,
    match_pair_by_hand,
    matches_publish,
)
from matching.models import Match, Message, Participant
from matching.roles import COORDINATORS
from tests.conftest import ALPHA_HOST
from tests.factories import api_token
from tests.matching.committed import committed_program, together
from tests.matching.factories import ParticipantFactory
from tests.workers import REDIS_SERVER

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH"),
]
BASE = "http://alpha.localhost"


def _two_proposals(program) -> list[Participant]:
    amina = ParticipantFactory(
        program=program, side_key="a", first_name="Amina", waited=1
    )
    leila = ParticipantFactory(
        program=program, side_key="a", first_name="Leila", field="it", waited=1
    )
    sara = ParticipantFactory(
        program=program, side_key="b", first_name="Sara", waited=1
    )
    karin = ParticipantFactory(
        program=program, side_key="b", first_name="Karin", field="it", waited=1
    )
    match_pair_by_hand(program=program, participant_a=amina, participant_b=sara)
    match_pair_by_hand(program=program, participant_a=leila, participant_b=karin)
    return [amina, leila, sara, karin]


def _assert_told_once(people) -> None:
    for person in people:
        sent = Message.objects.filter(
            participant=person, template_key="match_published"
        )
        assert sorted(sent.values_list("channel", flat=True)) == ["email", "sms"], (
            person.first_name
        )
        assert Participant.objects.get(pk=person.pk).status == "matched"


def test_two_publishes_at_once_publish_and_tell_each_person_once(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):
        people = _two_proposals(program)

        def publish():
            return matches_publish(program=program, base_url=BASE)

        results = together(alpha, publish, publish, publish)

        published = [r.published for r in results if hasattr(r, "published")]
        errors = [r for r in results if isinstance(r, Exception)]
        # The first publishes both; the others find nothing left to publish (they
        # read before or after the first committed).
        assert sum(published) == 2
        assert all(str(error) == NOTHING_TO_PUBLISH for error in errors), errors
        assert set(
            Match.objects.filter(program=program).values_list("status", flat=True)
        ) == {"published"}
        _assert_told_once(people)


def test_the_api_and_the_admin_publishing_at_once_tell_each_person_once(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):
        people = _two_proposals(program)
        user = get_user_model().objects.create_user(
            f"samordnare-{program.slug}", password="pw-123456789", is_staff=True
        )
        try:
            user.groups.add(Group.objects.get(name=COORDINATORS))
            token = api_token(user)
            admin = Client()
            admin.force_login(user)

            def by_api():
                return Client().post(
                    f"/api/v1/staff/programs/{program.slug}/publish/",
                    {},
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Token {token}",
                    HTTP_HOST=ALPHA_HOST,
                )

            def by_admin():
                return admin.post(
                    f"/admin/matchning/program/{program.pk}/publish/",
                    HTTP_HOST=ALPHA_HOST,
                )

            api, page = together(alpha, by_api, by_admin)

            assert page.status_code == 302, page
            assert api.status_code in (200, 400), api.content
            if api.status_code == 200:
                assert api.json()["published"] in (0, 2)
                assert api.json()["refused"] == []
            else:
                assert api.json() == {"message": NOTHING_TO_PUBLISH}
            _assert_told_once(people)
        finally:
            user.delete()
