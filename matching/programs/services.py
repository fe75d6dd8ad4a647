"""Creating programs, from data or from one of the templates."""

from django.db import transaction
from django.utils.text import slugify

from config.errors import ApplicationError
from matching.models import (
    Criterion,
    HardConstraint,
    MessageTemplate,
    Program,
    ProgramSide,
    Question,
)
from matching.programs.rules import program_rules_problems
from matching.programs.templates import TEMPLATES

TEMPLATE_UNKNOWN = "There is no program template called {key!r}. Choose one of: {keys}."
SLUG_TAKEN = "A program with the address {slug!r} already exists."


def program_create(*, data: dict, template_key: str = "") -> Program:
    """Create a program and its rules from plain data, refusing invalid rules."""
    sides = data.get("sides", [])
    questions = data.get("questions", [])
    criteria = data.get("criteria", [])
    constraints = data.get("constraints", [])
    problems = program_rules_problems(
        sides=sides,
        questions=questions,
        criteria=criteria,
        constraints=constraints,
        messages=data.get("messages", []),
        per_session=bool(data.get("per_session", False)),
    )
    if problems:
        raise ApplicationError(problems[0], {"problems": problems})
    slug = data.get("slug") or slugify(data["name"])
    if Program.objects.filter(slug=slug).exists():
        raise ApplicationError(SLUG_TAKEN.format(slug=slug), {"field": "slug"})
    program_fields = {
        key: data[key]
        for key in (
            "summary",
            "per_session",
            "commitment_meetings",
            "commitment_months",
            "commitment_text",
            "consent_purpose",
            "retention_months",
            "municipalities",
            "status",
        )
        if key in data
    }
    with transaction.atomic():
        program = Program(
            name=data["name"],
            slug=slug,
            template_key=template_key,
            consent_recipients=data.get("consent_recipients", ""),
            **program_fields,
        )
        program.full_clean()
        program.save()
        for side in sides:
            ProgramSide.objects.create(program=program, **side)
        for order, question in enumerate(questions):
            Question.objects.create(program=program, sort_order=order, **question)
        for criterion in criteria:
            Criterion.objects.create(program=program, **criterion)
        for constraint in constraints:
            HardConstraint.objects.create(program=program, **constraint)
        for message in data.get("messages", []):
            MessageTemplate.objects.create(program=program, **message)
    return program


def program_create_from_template(
    *,
    template_key: str,
    name: str | None = None,
    slug: str | None = None,
    status: str = "draft",
) -> Program:
    from matching.programs.templates import CONSENT_RECIPIENTS

    if template_key not in TEMPLATES:
        raise ApplicationError(
            TEMPLATE_UNKNOWN.format(key=template_key, keys=", ".join(sorted(TEMPLATES)))
        )
    data = {
        "consent_recipients": CONSENT_RECIPIENTS,
        **TEMPLATES[template_key],
        "status": status,
    }
    if name:
        data["name"] = name
    data["slug"] = slug or slugify(data["name"].replace("(", "").replace(")", ""))
    return program_create(data=data, template_key=template_key)
