"""The one place tests of matching build their data: participants, matches and the
helpers that make what only a service may make (a run, a published match, the
program admin form). Staff users are in tests/factories.py."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from matching.matches.review import matches_publish
from matching.matches.runs import match_run_start
from matching.models import Match, MatchRun, Participant, Program
from matching.programs.admin import ProgramViewSet

BASE = "http://alpha.localhost"


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A confirmed person in the queue of `program` on side `side_key`, with
    answers that fit Kv(in)na; `waited` days in the queue (30 by default)."""

    class Meta:
        model = Participant

    class Params:
        waited = 30
        field = "health"
        availability = factory.LazyFunction(lambda: ["weekend"])

    program = None  # always given: tests build people in a program of theirs
    side_key = "a"
    status = Participant.Status.QUEUED
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Testsson"
    email = factory.LazyAttribute(lambda p: f"{p.first_name.lower()}@example.se")
    phone = factory.LazyAttribute(
        lambda p: "+46701234567" if p.side_key == "a" else "+46709876543"
    )
    gender = "woman"
    birth_date = date(1990, 1, 1)
    municipality = "0182"
    arrived_in_sweden_year = factory.LazyAttribute(
        lambda p: 2020 if p.side_key == "a" else None
    )
    answers = factory.LazyAttribute(
        lambda p: {
            "field": p.field,
            "availability": p.availability,
            "languages": ["sv"],
            **({"employed": "yes"} if p.side_key == "b" else {}),
        }
    )
    consent_text = "Syfte: test"
    consent_given_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=40))
    queued_at = factory.LazyAttribute(
        lambda p: timezone.now() - timedelta(days=p.waited)
    )
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=39))


class MatchFactory(factory.django.DjangoModelFactory):
    """A proposal of two people; `published_days_ago=N` publishes it through the
    service (both told by e-mail and SMS) and dates it N days back."""

    class Meta:
        model = Match
        skip_postgeneration_save = True

    program = factory.LazyAttribute(lambda m: m.participant_a.program)
    explanation = "Båda arbetar inom vården."

    @factory.post_generation
    def published_days_ago(match, create, days, **kwargs):
        if not create or days is None:
            return
        people = (match.participant_a, match.participant_b)  # the caller's objects
        matches_publish(program=match.program, base_url=BASE, match_ids=[match.pk])
        Match.objects.filter(pk=match.pk).update(
            published_at=timezone.now() - timedelta(days=days)
        )
        match.refresh_from_db()
        for person in people:
            person.refresh_from_db()


def match_run_now(program, django_capture_on_commit_callbacks, **options) -> MatchRun:
    """A run started through the service and finished in this process."""
    with django_capture_on_commit_callbacks(execute=True):
        run = match_run_start(program=program, **options)
    run.refresh_from_db()
    return run


# What the registration page posts for Amina (the HTML form, not the API).
REGISTRATION_FORM = {
    "side": "a",
    "first_name": "Amina",
    "email": "amina@example.se",
    "phone": "070-123 45 67",
    "gender": "woman",
    "birth_date": "1995-04-12",
    "municipality": "0182",
    "arrived_in_sweden_year": "2021",
    "q_field": "health",
    "q_availability": ["weekday_evening", "weekend"],
    "q_languages": "arabiska, svenska",
    "consent": "on",
}


def registration_data(**overrides) -> dict:
    """What the registration form posts for Amina, an adept of Kv(in)na."""
    data = {
        "first_name": "Amina",
        "last_name": "Hassan",
        "email": "amina@example.se",
        "phone": "070-123 45 67",
        "gender": "woman",
        "birth_date": "1995-04-12",
        "municipality": "0182",
        "arrived_in_sweden_year": "2021",
        "answers": {
            "field": "health",
            "interests": ["cooking", "books"],
            "availability": ["weekday_evening"],
            "languages": "arabiska, svenska",
        },
        "consent": True,
    }
    data.update(overrides)
    return data


def program_form_data(criterion_question: str) -> dict:
    data = {
        "name": "Språkvänner",
        "slug": "sprakvanner",
        "summary": "",
        "status": "draft",
        "consent_purpose": "Matchning",
        "consent_recipients": "Samordnarna",
        "retention_months": "12",
        "waiting_bonus_per_30_days": "0.5",
        "reminder_after_days": "30",
    }
    sides = [("a", "Ny"), ("b", "Etablerad")]
    data.update(
        {
            "sides-TOTAL_FORMS": "2",
            "sides-INITIAL_FORMS": "0",
            "sides-MIN_NUM_FORMS": "2",
            "sides-MAX_NUM_FORMS": "2",
        }
    )
    for number, (key, name) in enumerate(sides):
        prefix = f"sides-{number}-"
        data.update(
            {
                prefix + "key": key,
                prefix + "name_sv": name,
                prefix + "capacity_default": "1",
                prefix + "capacity_max": "1",
                prefix + "genders": "[]",
                prefix + "municipalities": "[]",
                prefix + "required_answers": "{}",
                prefix + "ORDER": str(number + 1),
            }
        )
    data.update(
        {
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
            "questions-0-key": "interests",
            "questions-0-sides": "both",
            "questions-0-kind": "multiple_choice",
            "questions-0-label_sv": "Intressen",
            "questions-0-choices": '[{"value": "cooking", "sv": "Matlagning"}]',
            "questions-0-required": "on",
            "questions-0-ORDER": "1",
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "1000",
            "criteria-0-kind": "shared_answers",
            "criteria-0-question_key": criterion_question,
            "criteria-0-weight": "2",
            "criteria-0-params": "{}",
            "criteria-0-ORDER": "1",
        }
    )
    for name in ("constraints", "message_templates"):
        data.update(
            {
                f"{name}-TOTAL_FORMS": "0",
                f"{name}-INITIAL_FORMS": "0",
                f"{name}-MIN_NUM_FORMS": "0",
                f"{name}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def program_admin_form(data):
    form_class = ProgramViewSet("programs").get_form_class()
    return form_class(data=data, instance=Program())
