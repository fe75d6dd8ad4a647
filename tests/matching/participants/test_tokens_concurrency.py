"""A one-time link clicked twice at the same moment (a double click, two tabs) is
spent once: one click signs in, the other is told the link is used. Real
concurrent transactions on committed data, through the shared token helper that
the operator's support links use too."""

import time

import pytest
from django.db import transaction

from matching.models import ParticipantToken
from matching.participants.tokens import (
    LINK_USED,
    participant_token_issue,
    participant_token_redeem,
)
from tests.matching.committed import committed_program, together, told
from tests.matching.factories import ParticipantFactory
from tests.workers import REDIS_SERVER

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH"),
]


def test_a_link_redeemed_twice_at_once_is_spent_once(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):
        person = ParticipantFactory(program=program, first_name="Amina")
        token = participant_token_issue(
            participant=person, purpose=ParticipantToken.Purpose.MANAGE
        )

        def redeem():
            # Held open a moment after spending, as a slow request would: the
            # other click reads the row meanwhile.
            with transaction.atomic():
                spent_by = participant_token_redeem(
                    token=token, purpose=ParticipantToken.Purpose.MANAGE
                ).pk
                time.sleep(0.5)
            return spent_by

        outcomes = told(together(alpha, redeem, redeem))

        assert sorted(outcomes, key=str) == sorted([person.pk, LINK_USED], key=str)
        spent = ParticipantToken.objects.get(participant=person)
        assert spent.used_at is not None
        ParticipantToken.objects.filter(participant=person).delete()
