"""Demo programs, fictional registrations and demo staff accounts (seed_demo hooks).

Each demo program gets enough people for a run that teaches something: proposals
with reasons, people left unmatched, and a scarce side (fewer on the established
side than newcomers). Every person is drawn from a seeded random generator, so the
demo is the same on every machine, and passes the registration's own validation
(`registration_clean`: questions, eligibility), so nobody is seeded whom the form
would have refused.
"""

import random
import unicodedata
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from config.errors import ApplicationError
from matching.models import Participant, Program, Question
from matching.participants.registration import registration_clean
from matching.participants.report_facts import report_facts_record
from matching.programs.services import (
    program_create_from_template,
    program_template_translations_ensure,
)
from tenants.selectors import tenant_funders

PROGRAMS_BY_TENANT = {
    "jarfalla": ["jarfallakompis"],
    "kvinna": ["kvinna"],
    "fardighet": ["fardighet"],
    "botkyrka": ["tillvaxt-kvinna"],
    "danderyd": ["mentorskap"],
}

# Newcomers (side a) outnumber the established (side b): b is the scarce side.
PEOPLE_PER_SIDE = {"a": 75, "b": 60}

# Fictional names. E-mail addresses on example.se never reach anyone.
NEWCOMER_WOMEN = [
    "Amina", "Leila", "Hodan", "Fatima", "Nour", "Samira", "Zahra", "Marwa",
    "Hiba", "Rahel", "Selam", "Olena", "Iryna", "Parisa", "Shirin", "Asha",
    "Ayan", "Khadija", "Mariam", "Yasmin", "Dilan", "Rojin", "Farah", "Huda",
]  # fmt: skip
NEWCOMER_MEN = [
    "Yusuf", "Ahmad", "Omar", "Bilal", "Tesfay", "Dawit", "Mohammed", "Karim",
    "Hamid", "Ali", "Abdi", "Mustafa", "Andrii", "Taras", "Reza", "Jamal",
]  # fmt: skip
ESTABLISHED_WOMEN = [
    "Sara", "Karin", "Eva", "Anna", "Maria", "Lena", "Ingrid", "Sofia", "Elin",
    "Johanna", "Malin", "Helena", "Birgitta", "Ulrika", "Cecilia", "Annika",
    "Linnea", "Tove", "Aisha", "Mina", "Senait", "Dragana", "Nadia", "Pia",
]  # fmt: skip
ESTABLISHED_MEN = [
    "Johan", "Erik", "Lars", "Anders", "Per", "Magnus", "Mikael", "Fredrik",
    "Henrik", "Olof", "Gustav", "Nils", "Samir", "Goran", "Mehmet", "Kenneth",
]  # fmt: skip
NEWCOMER_SURNAMES = [
    "Hassan", "Ali", "Mohamed", "Ahmadi", "Haile", "Tesfaye", "Yusuf", "Karimi",
    "Hosseini", "Abdullahi", "Nuur", "Kovalenko", "Shevchenko", "Rahimi",
    "Osman", "Ibrahim", "Said", "Farah", "Bakr", "Mehari",
]  # fmt: skip
ESTABLISHED_SURNAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
    "Olsson", "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindqvist",
    "Berg", "Holm", "Sandberg", "Ek", "Yilmaz", "Petrović", "Haddad", "Mäkinen",
]  # fmt: skip
LANGUAGES = [
    "arabiska", "somaliska", "dari", "tigrinja", "persiska", "ukrainska",
    "kurdiska", "engelska", "franska", "turkiska",
]  # fmt: skip
PROFESSIONS = [
    "Sjuksköterska", "Undersköterska", "Ingenjör", "Lärare", "Ekonom",
    "Systemutvecklare", "Elektriker", "Jurist", "Förskollärare", "Kock",
]  # fmt: skip
NEIGHBOURS = ["0123", "0180", "0127", "0126", "0114", "0182", "0184"]
TODAY_AGE_FALLBACK = {"a": (19, 58), "b": (24, 70)}


def _ascii(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    )


def _answer(question: Question, rng: random.Random, side, answers: dict):
    allowed = (side.required_answers or {}).get(question.key)
    values = [choice["value"] for choice in question.choices]
    if question.kind == Question.Kind.SINGLE_CHOICE:
        return rng.choice(allowed or values)
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        picked = set(rng.sample(values, rng.randint(1, min(3, len(values)))))
        if allowed:
            picked.add(rng.choice(allowed))
        return sorted(picked)
    if question.kind == Question.Kind.CHILDREN_AGES:
        if answers.get("household", "family") != "family":
            return []
        return sorted(rng.randint(0, 12) for _ in range(rng.randint(1, 3)))
    if question.kind == Question.Kind.LANGUAGES:
        return ["svenska", *rng.sample(LANGUAGES, rng.randint(1, 2))]
    if question.kind == Question.Kind.MUNICIPALITY:
        return rng.choice(NEIGHBOURS)
    if question.kind == Question.Kind.NUMBER:
        return rng.randint(1, 10)
    if question.kind == Question.Kind.DATE:
        return (date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))).isoformat()
    return rng.choice(PROFESSIONS) if rng.random() < 0.7 else ""


def _draft(program, side, index: int, rng: random.Random, today: date) -> dict:
    """Raw registration data for one fictional person on `side`."""
    newcomer = side.key == "a"
    genders = side.genders or ["woman", "man"]
    gender = rng.choice(genders)
    if gender == "woman":
        first_names = NEWCOMER_WOMEN if newcomer else ESTABLISHED_WOMEN
    else:
        first_names = NEWCOMER_MEN if newcomer else ESTABLISHED_MEN
    first_name = rng.choice(first_names)
    last_name = rng.choice(NEWCOMER_SURNAMES if newcomer else ESTABLISHED_SURNAMES)
    low, high = TODAY_AGE_FALLBACK[side.key]
    low = max(low, side.min_age or 0)
    high = min(high, side.max_age or 120)
    age = rng.randint(low, max(low, high))
    birth_date = date(today.year - age - 1, 1, 1) + timedelta(days=rng.randint(1, 360))
    if newcomer:
        longest = min(side.max_years_in_sweden or 8, 8)
        arrived = today.year - rng.randint(side.min_years_in_sweden or 0, longest)
    elif side.min_years_in_sweden or rng.random() < 0.3:
        arrived = today.year - rng.randint(side.min_years_in_sweden or 10, 30)
    else:
        arrived = None
    if arrived is not None:
        arrived = max(arrived, birth_date.year)
    answers: dict = {}
    for question in program.questions.all():
        if question.asked_of(side.key):
            answers[question.key] = _answer(question, rng, side, answers)
    return {
        "first_name": first_name,
        "last_name": last_name,
        "email": f"{_ascii(first_name)}.{_ascii(last_name)}.{side.key}{index}"
        f"@example.se",
        "phone": f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        "gender": gender,
        "birth_date": birth_date.isoformat(),
        "municipality": rng.choice(side.municipalities or NEIGHBOURS),
        "arrived_in_sweden_year": arrived,
        "answers": answers,
        "consent": True,
    }


def demo_people(*, program: Program, seed: str) -> list[Participant]:
    """The demo's queued people of `program` (unsaved), PEOPLE_PER_SIDE on each side,
    each accepted by the registration's own checks. Deterministic for a seed."""
    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    people = []
    for side in program.sides.all():
        for index in range(PEOPLE_PER_SIDE[side.key]):
            for _attempt in range(50):
                draft = _draft(program, side, index, rng, today)
                try:
                    cleaned = registration_clean(
                        program=program, side_key=side.key, data=draft, today=today
                    )
                except ApplicationError:
                    continue
                break
            else:
                raise RuntimeError(f"no eligible demo person for {program}:{side.key}")
            waited = rng.randint(1, 120)
            people.append(
                Participant(
                    program=program,
                    side_key=side.key,
                    status=Participant.Status.QUEUED,
                    first_name=cleaned["first_name"],
                    last_name=cleaned["last_name"],
                    email=cleaned["email"],
                    phone=cleaned.get("phone", ""),
                    gender=cleaned["gender"],
                    birth_date=cleaned["birth_date"],
                    municipality=cleaned["municipality"],
                    arrived_in_sweden_year=cleaned["arrived_in_sweden_year"],
                    answers=cleaned["answers"],
                    consent_text="Demo (fiktiv person)",
                    consent_given_at=now - timedelta(days=waited),
                    confirmed_at=now - timedelta(days=waited),
                    queued_at=now - timedelta(days=waited),
                    status_changed_at=now - timedelta(days=waited),
                )
            )
    return people


@transaction.atomic
def demo_programs_seed(*, tenant, port: int) -> None:
    """The seed_demo hook: each demo program of `tenant` with its people. A program
    seeded before keeps its people; one with fewer than the demo's (an older seed)
    is topped up to the same people a fresh seed gets."""
    for template_key in PROGRAMS_BY_TENANT.get(tenant.slug, []):
        program = Program.objects.filter(template_key=template_key).first()
        if program is None:
            program = program_create_from_template(
                template_key=template_key, status="open"
            )
        else:  # seeded before the templates had their translations
            program_template_translations_ensure(program)
        if not program.funders:  # the tenant's funders pay for its demo programs
            funders = tenant_funders(connection.tenant).values_list("pk", flat=True)
            program.funders = list(funders)
            program.save(update_fields=["funders"])
        program = Program.objects.prefetch_related("sides", "questions").get(
            pk=program.pk
        )
        wanted = demo_people(program=program, seed=f"{tenant.slug}:{template_key}")
        taken = {
            email.lower()
            for email in Participant.objects.filter(program=program).values_list(
                "email", flat=True
            )
        }
        Participant.objects.bulk_create(
            [person for person in wanted if person.email.lower() not in taken]
        )
        for person in Participant.objects.filter(
            program=program, confirmed_at__isnull=False, report_facts__isnull=True
        ):
            report_facts_record(person)
        demo_events_seed(program=program)
        demo_retention_seed(program=program)


DEMO_DECISION = (
    "Gallringsbeslut (demo): uppgifter om deltagare gallras när lagringstiden efter "
    "deltagandet har gått ut. Kommunstyrelsen, dnr KS 2025/123."
)
DUE_IN_DAYS = (4, 12, 25)


def demo_retention_seed(*, program: Program) -> None:
    """A decision behind the program's retention rule, and three people who withdrew
    long enough ago to be due within the coming 30 days, so *Gallring* has work to
    show. Done once: a program with withdrawn people is left as it is."""
    if not program.retention_decision:
        Program.objects.filter(pk=program.pk).update(
            retention_decision=DEMO_DECISION, retention_decision_date=date(2025, 6, 1)
        )
    withdrawn = Participant.objects.filter(
        program=program, status=Participant.Status.WITHDRAWN
    )
    if withdrawn.exists():
        return
    now = timezone.now()
    people = Participant.objects.filter(
        program=program, side_key="a", status=Participant.Status.QUEUED
    ).order_by("-pk")[: len(DUE_IN_DAYS)]
    for person, days in zip(people, DUE_IN_DAYS, strict=False):
        left = now - timedelta(days=round(program.retention_months * 30.44) - days)
        Participant.objects.filter(pk=person.pk).update(
            status=Participant.Status.WITHDRAWN,
            status_changed_at=left,
            queued_at=None,
            retention_months=program.retention_months,
        )


NETWORK_MEETING = "Nätverksträff för alla i programmet"


def demo_events_seed(*, program: Program) -> None:
    """Upcoming events a coordinator can work with: one digital session per theme
    for a per-session program (each session is matched on its own theme), and a
    network meeting with a capacity for the others. Idempotent by title."""
    from datetime import time

    from matching.models import Event

    today = timezone.localdate()
    first_tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)

    def at(day, hour):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    if program.per_session:
        theme_question = program.questions.filter(key="themes").first()
        themes = theme_question.choices if theme_question else []
        for week, theme in enumerate(themes):
            day = first_tuesday + timedelta(weeks=week)
            Event.objects.get_or_create(
                program=program,
                title=f"Träff {week + 1}: {theme['sv']}",
                defaults={
                    "kind": Event.Kind.SESSION,
                    "theme": theme["value"],
                    "description": "Digital träff; länken kommer i kallelsen.",
                    "starts_at": at(day, 17),
                    "ends_at": at(day, 19),
                    "location": "Digitalt",
                },
            )
        return
    day = first_tuesday + timedelta(weeks=3)
    Event.objects.get_or_create(
        program=program,
        title=NETWORK_MEETING,
        defaults={
            "kind": Event.Kind.NETWORK,
            "description": "Fika, samtal och erfarenheter från andra par.",
            "starts_at": at(day, 18),
            "ends_at": at(day, 20),
            "location": "Medborgarhuset, stora salen",
            "capacity": 40,
        },
    )


def demo_staff_seed(*, tenant, port: int) -> None:
    """The seed_demo hook: `samordnare` in Samordnare and `administrator` in
    Administratörer in every demo tenant, and `remittent` in Remittenter where a
    partner refers people."""
    from matching.roles import (
        ADMINISTRATORS,
        COORDINATORS,
        REFERRERS,
        matching_groups_ensure,
    )
    from tenants.demo import REFERRAL_TENANTS, demo_staff_ensure

    groups = matching_groups_ensure()
    demo_staff_ensure(username="samordnare", group=groups[COORDINATORS])
    demo_staff_ensure(username="administrator", group=groups[ADMINISTRATORS])
    if tenant.slug in REFERRAL_TENANTS:
        demo_staff_ensure(username="remittent", group=groups[REFERRERS])
