from django.db.models import Count, Q, QuerySet

from matching.models import Match, Participant, Program


def programs_open() -> QuerySet[Program]:
    return Program.objects.filter(status=Program.Status.OPEN).prefetch_related("sides")


def program_signup_sides(*, slug: str) -> list[dict]:
    """The sides of an open program as links for its page on the site, or []."""
    program = Program.objects.filter(slug=slug, status=Program.Status.OPEN).first()
    if program is None:
        return []
    return [
        {
            "name_sv": side.name_sv,
            "name_en": side.name_en or side.name_sv,
            "url": f"/anmalan/{program.slug}/?side={side.key}",
        }
        for side in program.sides.all()
    ]


def program_slug_first_open() -> str:
    program = Program.objects.filter(status=Program.Status.OPEN).order_by("pk").first()
    return program.slug if program else ""


def commitment_counts(*, program: Program) -> dict[str, int]:
    """How many of the program's matches met their commitment, did not, are behind
    schedule or on track, as last evaluated (on publish, on each logged meeting, at
    the end and by the daily job). Matches the program does not track are left
    out; every state is in the answer, 0 when none."""
    counts = {state: 0 for state in Match.Commitment.values if state}
    rows = (
        Match.objects.filter(program=program)
        .exclude(commitment=Match.Commitment.NOT_TRACKED)
        .values("commitment")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["commitment"]] = row["n"]
    return counts


def matches_of_participant(participant: Participant) -> QuerySet[Match]:
    """Every match the person was in, newest first (proposals included)."""
    return (
        Match.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant)
        )
        .select_related("participant_a", "participant_b", "program")
        .order_by("-published_at", "-pk")
    )


def queue_by_side(*, program: Program) -> list[dict]:
    """Per side of the program: how many wait in the queue, how many of them are in
    a proposal now, how many are left without one, and the places they offer
    (people x the side's default capacity). The side with the fewest places is
    marked scarce when the two differ."""
    proposed = Match.objects.filter(program=program, status=Match.Status.PROPOSED)
    in_proposal = Q(pk__in=proposed.values("participant_a")) | Q(
        pk__in=proposed.values("participant_b")
    )
    queued = Participant.objects.filter(
        program=program, status=Participant.Status.QUEUED
    )
    rows = []
    for side in program.sides.all():
        waiting = queued.filter(side_key=side.key)
        total = waiting.count()
        proposed_count = waiting.filter(in_proposal).count()
        rows.append(
            {
                "key": side.key,
                "name": side.name_sv,
                "waiting": total,
                "in_proposal": proposed_count,
                "left": total - proposed_count,
                "places": total * max(side.capacity_default, 1),
                "scarce": False,
            }
        )
    if len(rows) == 2 and rows[0]["places"] != rows[1]["places"]:
        min(rows, key=lambda row: row["places"])["scarce"] = True
    return rows
