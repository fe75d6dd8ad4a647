"""The review page's queue by side: who waits, who is in a proposal, who is left,
and which side is scarce."""

from matching.models import Match, Participant
from matching.participants.selectors import queue_by_side
from tests.matching.factories import ParticipantFactory


def test_counts_by_side_and_the_scarce_side(kvinna):
    adepts = [
        ParticipantFactory(program=kvinna, side_key="a", first_name=f"Adept{n}")
        for n in range(3)
    ]
    mentors = [
        ParticipantFactory(program=kvinna, side_key="b", first_name=f"Mentor{n}")
        for n in range(5)
    ]
    ParticipantFactory(
        program=kvinna,
        side_key="b",
        first_name="Pausad",
        status=Participant.Status.PAUSED,
    )
    Match.objects.create(
        program=kvinna, participant_a=adepts[0], participant_b=mentors[0]
    )

    rows = {row["key"]: row for row in queue_by_side(program=kvinna)}

    assert (rows["a"]["waiting"], rows["a"]["in_proposal"], rows["a"]["left"]) == (
        3,
        1,
        2,
    )
    assert (rows["b"]["waiting"], rows["b"]["in_proposal"], rows["b"]["left"]) == (
        5,
        1,
        4,
    )
    assert rows["a"]["scarce"] and not rows["b"]["scarce"]


def test_no_side_is_scarce_when_the_places_are_equal(kvinna):
    ParticipantFactory(program=kvinna, side_key="a", first_name="Amina")
    ParticipantFactory(program=kvinna, side_key="b", first_name="Sara")

    assert [row["scarce"] for row in queue_by_side(program=kvinna)] == [False, False]
