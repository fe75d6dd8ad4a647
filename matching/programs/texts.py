"""A program's own texts in the reader's language, falling back to Swedish.

Programs store their texts per language (`name_sv`, `name_en`, a choice's
`{"value": ..., "sv": ..., "en": ...}`); everything that shows them to a
participant reads them through these functions.
"""

from django.utils.translation import get_language


def language_current() -> str:
    return (get_language() or "sv").split("-")[0]


def text_in(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<language>`, or the Swedish text when there is none."""
    language = language or language_current()
    if language != "sv":
        value = getattr(obj, f"{field}_{language}", "") or ""
        if value.strip():
            return value
    return getattr(obj, f"{field}_sv", "") or ""


def choice_label(choice: dict, language: str | None = None) -> str:
    language = language or language_current()
    return choice.get(language) or choice.get("sv") or choice["value"]
