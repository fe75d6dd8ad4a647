"""Facts that must not drop later: who said they would come to a past event stays
counted when a person is erased (the answer loses the person, not the count);
a head count of who came is entered after the event, never before; and every
registration is counted when it is made, two at the same moment both."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.events.services import event_rsvp
from matching.figures import program_figures
from matching.models import Event, EventRsvp, RegistrationTally
from matching.monthly_figures import monthly_figures
from matching.participants.registration import registration_submit
from matching.privacy.erasure import participant_erase
from tests.matching.committed import committed_program, together
from tests.matching.factories import ParticipantFactory, registration_data
from tests.workers import REDIS_SERVER


def _event(program, *, days: int, **fields) -> Event:
    starts = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        program=program,
        title="Nätverksträff",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **fields,
    )


def test_an_erased_persons_answer_to_a_past_event_still_counts(kvinna):
    amina = ParticipantFactory(program=kvinna, first_name="Amina")
    leila = ParticipantFactory(program=kvinna, first_name="Leila")
    past = _event(kvinna, days=2)
    for person in (amina, leila):
        event_rsvp(event=past, participant=person, attending=True)
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    today = timezone.localdate()
    period = {"start": today - timedelta(days=10), "end": today + timedelta(days=1)}
    before = program_figures(program=kvinna, **period).events["said_yes"]

    participant_erase(participant=amina, because="request")

    assert before == 2
    assert program_figures(program=kvinna, **period).events["said_yes"] == 2
    assert not EventRsvp.objects.filter(participant=amina).exists()
    assert EventRsvp.objects.filter(event=past, participant__isnull=True).count() == 1
    assert EventRsvp.objects.get(participant=leila).answer == EventRsvp.Answer.YES


def test_who_came_is_counted_after_the_event_and_not_before(kvinna):
    coming = _event(kvinna, days=5, attended=12)
    with pytest.raises(ValidationError) as refused:
        coming.full_clean()
    assert refused.value.message_dict["attended"] == [
        "Räkna vilka som kom när träffen har börjat."
    ]
    coming.delete()  # the admin's form would not have saved it
    held = _event(kvinna, days=-1, attended=14)
    _event(kvinna, days=-2)  # held, not counted yet
    held.full_clean()
    today = timezone.localdate()

    figures = program_figures(
        program=kvinna, start=today - timedelta(days=10), end=today + timedelta(days=1)
    )
    monthly = {
        (month, metric): value
        for month, program, _side, _code, metric, value in monthly_figures()
        if program == kvinna.pk
    }

    assert figures.events["came"] == 14
    month = timezone.localtime(held.starts_at).date().replace(day=1)
    assert monthly[(month, "event_attended")] == 14


@pytest.mark.slow
@pytest.mark.skipif(REDIS_SERVER is None, reason="needs redis-server on PATH")
def test_two_registrations_at_the_same_moment_both_count(
    django_db_setup, django_db_blocker
):
    with committed_program(django_db_blocker) as (alpha, program):

        def register(email: str):
            return lambda: (
                registration_submit(
                    program=program,
                    side_key="a",
                    data=registration_data(email=email),
                    base_url="http://alpha.localhost",
                ).created
            )

        results = together(
            alpha, register("forsta@example.se"), register("andra@example.se")
        )

        assert results == [True, True], results
        tallies = RegistrationTally.objects.filter(program=program)
        assert sum(tallies.values_list("count", flat=True)) == 2
        assert tallies.count() == 1  # one day, one side: one row added to twice
        tallies.delete()
