"""Demo programs and fictional registrations for the demo tenants (seed_demo hook)."""

from datetime import date, timedelta

from django.utils import timezone

from matching.models import Participant, Program
from matching.services.programs import program_create_from_template

PROGRAMS_BY_TENANT = {
    "jarfalla": ["jarfallakompis"],
    "kvinna": ["kvinna"],
    "fardighet": ["fardighet"],
    "botkyrka": ["tillvaxt-kvinna"],
    "danderyd": ["mentorskap"],
}

# Fictional people; e-mail addresses on example.se never reach anyone.
PEOPLE = [
    ("Amina", "woman", "a"),
    ("Sara", "woman", "b"),
    ("Leila", "woman", "a"),
    ("Karin", "woman", "b"),
    ("Hodan", "woman", "a"),
    ("Eva", "woman", "b"),
    ("Yusuf", "man", "a"),
    ("Johan", "man", "b"),
]


def _answers(program: Program, side_key: str, index: int) -> dict:
    answers = {}
    for question in program.questions.all():
        if not question.asked_of(side_key):
            continue
        values = [choice["value"] for choice in question.choices]
        if question.kind == "single_choice":
            answers[question.key] = values[index % len(values)]
            if question.key == "employed":
                answers[question.key] = "yes"
            if question.key == "household":
                answers[question.key] = "family" if index % 2 else "single"
        elif question.kind == "multiple_choice":
            answers[question.key] = sorted(
                {values[index % len(values)], values[(index + 2) % len(values)]}
            )
        elif question.kind == "children_ages":
            answers[question.key] = [2 + index % 3, 5 + index % 4] if index % 2 else []
        elif question.kind == "languages":
            answers[question.key] = [
                "svenska",
                ["arabiska", "somaliska", "dari", "engelska"][index % 4],
            ]
    return {key: value for key, value in answers.items() if value not in ([], None)}


def demo_programs_seed(*, tenant, port: int) -> None:
    for template_key in PROGRAMS_BY_TENANT.get(tenant.slug, []):
        if Program.objects.filter(template_key=template_key).exists():
            continue
        program = program_create_from_template(template_key=template_key, status="open")
        sides = {side.key: side for side in program.sides.all()}
        now = timezone.now()
        for index, (first_name, gender, side_key) in enumerate(PEOPLE):
            side = sides[side_key]
            if side.genders and gender not in side.genders:
                continue
            age = max(side.min_age or 20, 30 - index)
            Participant.objects.create(
                program=program,
                side_key=side_key,
                status=Participant.Status.QUEUED,
                first_name=first_name,
                last_name="Exempel",
                email=f"{first_name.lower()}.{template_key}@example.se",
                gender=gender,
                birth_date=date(2026 - age, 1 + index, 10),
                municipality=(side.municipalities or ["0180"])[
                    index % len(side.municipalities or ["0180"])
                ],
                arrived_in_sweden_year=2020 if side_key == "a" else None,
                answers=_answers(program, side_key, index),
                consent_text="Demo",
                consent_given_at=now,
                confirmed_at=now,
                queued_at=now - timedelta(days=30 - index),
                status_changed_at=now,
            )
