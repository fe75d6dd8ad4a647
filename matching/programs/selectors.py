"""Reads of programs: the open ones, and the sign-up links the site shows."""

from django.db.models import QuerySet

from matching.models import Program


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
