"""Reads of programs: the open ones, and the sign-up links the site shows."""

from django.db.models import QuerySet
from django.urls import reverse

from matching.models import Program
from matching.programs.texts import text_in


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
            # Under the page's language: the English site links to /en/anmalan/...
            "url": reverse("matching:registration", kwargs={"slug": program.slug})
            + f"?side={side.key}",
            "name": text_in(side, "name"),
        }
        for side in program.sides.all()
    ]


def program_slug_first_open() -> str:
    program = Program.objects.filter(status=Program.Status.OPEN).order_by("pk").first()
    return program.slug if program else ""
