"""Building people and a published match for the personal-data and outbox tests."""

from datetime import date, timedelta

from django.utils import timezone

from matching.matches.review import matches_publish
from matching.models import Match, Participant, Program

BASE = "http://alpha.localhost"


def person(program: Program, side: str, first_name: str, **fields) -> Participant:
    answers = {"field": "health", "availability": ["weekend"], "languages": ["sv"]}
    if side == "b":
        answers["employed"] = "yes"
    now = timezone.now()
    values = {
        "program": program,
        "side_key": side,
        "status": Participant.Status.QUEUED,
        "first_name": first_name,
        "last_name": "Testsson",
        "email": f"{first_name.lower()}@example.se",
        "phone": "+46701234567" if side == "a" else "+46709876543",
        "gender": "woman",
        "birth_date": date(1990, 1, 1),
        "municipality": "0182",
        "arrived_in_sweden_year": 2020 if side == "a" else None,
        "answers": answers,
        "consent_text": "Syfte: test",
        "consent_given_at": now - timedelta(days=40),
        "queued_at": now - timedelta(days=30),
        "confirmed_at": now - timedelta(days=39),
    }
    values.update(fields)
    return Participant.objects.create(**values)


def published_match(program: Program, a: Participant, b: Participant) -> Match:
    """A match of a and b, published a month ago (both told by e-mail and SMS)."""
    match = Match.objects.create(
        program=program,
        participant_a=a,
        participant_b=b,
        explanation="Båda arbetar inom vården.",
    )
    matches_publish(program=program, base_url=BASE, match_ids=[match.pk])
    Match.objects.filter(pk=match.pk).update(
        published_at=timezone.now() - timedelta(days=31)
    )
    match.refresh_from_db()
    for person_ in (a, b):
        person_.refresh_from_db()
    return match


def coordinator(username: str = "samordnare"):
    """A member of the Samordnare group, as production makes it (in the active
    tenant's schema)."""
    from matching.roles import COORDINATORS
    from tests.factories import StaffUserFactory

    return StaffUserFactory(username=username, group=COORDINATORS)


def admin_client(user, host: str):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
