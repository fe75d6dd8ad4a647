"""Creating programs, from data or from one of the templates."""

import copy

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
from matching.programs.template_translations import CHOICES as CHOICE_TRANSLATIONS
from matching.programs.template_translations import PROGRAMS as PROGRAM_TRANSLATIONS
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
            "translations",
            "status",
            "tracks_outcomes",
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


def template_translations_merge(data: dict, template_key: str) -> dict:
    """Add the template's texts in other languages to a program's data (never
    over a text already there): options by value, the program's own texts."""
    for question in data.get("questions", []):
        for choice in question.get("choices") or []:
            for language, texts in CHOICE_TRANSLATIONS.items():
                if choice.get("value") in texts:
                    choice.setdefault(language, texts[choice["value"]])
    for language, texts in PROGRAM_TRANSLATIONS.get(template_key, {}).items():
        _texts_merge(data, language, texts.get("program", {}))
        for side in data.get("sides", []):
            _texts_merge(side, language, texts.get("sides", {}).get(side["key"], {}))
        for question in data.get("questions", []):
            _texts_merge(
                question, language, texts.get("questions", {}).get(question["key"], {})
            )
    return data


def _texts_merge(target: dict, language: str, texts: dict) -> None:
    if not texts:
        return
    translations = target.setdefault("translations", {})
    current = translations.setdefault(language, {})
    for field, text in texts.items():
        current.setdefault(field, text)


def program_template_translations_ensure(program: Program) -> None:
    """Give a program made from a template (before its translations existed) the
    template's translations it lacks; what coordinators wrote is kept."""
    if program.template_key not in TEMPLATES:
        return
    data = {
        "translations": copy.deepcopy(program.translations or {}),
        "sides": [
            {
                "key": s.key,
                "translations": copy.deepcopy(s.translations or {}),
                "pk": s.pk,
            }
            for s in program.sides.all()
        ],
        "questions": [
            {
                "key": q.key,
                "choices": copy.deepcopy(q.choices or []),
                "translations": copy.deepcopy(q.translations or {}),
                "pk": q.pk,
            }
            for q in program.questions.all()
        ],
    }
    template_translations_merge(data, program.template_key)
    with transaction.atomic():
        Program.objects.filter(pk=program.pk).update(translations=data["translations"])
        for side in data["sides"]:
            ProgramSide.objects.filter(pk=side["pk"]).update(
                translations=side["translations"]
            )
        for question in data["questions"]:
            Question.objects.filter(pk=question["pk"]).update(
                translations=question["translations"], choices=question["choices"]
            )


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
        **copy.deepcopy(TEMPLATES[template_key]),
        "status": status,
    }
    template_translations_merge(data, template_key)
    if name:
        data["name"] = name
    data["slug"] = slug or slugify(data["name"].replace("(", "").replace(")", ""))
    return program_create(data=data, template_key=template_key)


def programs_from_templates(*, tenant, template_keys: list[str]) -> int:
    """A new tenant's programs from the templates its application chose, as drafts
    its coordinators open when ready (a provisioning hook, in the tenant's
    schema); how many were made. Unknown keys are refused."""
    for key in template_keys:
        program_create_from_template(template_key=key)
    return len(template_keys)
