"""A program's own texts in the reader's language, falling back to Swedish.

A text's Swedish is its own field (`Program.name`, `ProgramSide.name_sv`,
`Question.label_sv`, a choice's `"sv"`); its other languages are data: the
object's `translations` ({"ar": {"name": ...}}), an older `<field>_en` column,
or a choice's `"<language>"`. Everything that shows them to a participant reads
them through these functions.
"""

from django.utils.translation import get_language


def language_current() -> str:
    return (get_language() or "sv").split("-")[0]


def text_source(obj, field: str) -> str:
    """The Swedish text (the one every translation is made from)."""
    swedish = f"{field}_sv"
    return (
        getattr(obj, swedish) if hasattr(obj, swedish) else getattr(obj, field)
    ) or ""


def text_translation(obj, field: str, language: str) -> str:
    """The text in `language`, or "" when it has not been translated."""
    if language == "sv":
        return text_source(obj, field)
    stored = ((getattr(obj, "translations", None) or {}).get(language) or {}).get(
        field
    ) or ""
    if not stored.strip():
        stored = getattr(obj, f"{field}_{language}", "") or ""
    return stored if stored.strip() else ""


def text_in(obj, field: str, language: str | None = None) -> str:
    """The text in `language` (the active one by default), or the Swedish."""
    language = language or language_current()
    return text_translation(obj, field, language) or text_source(obj, field)


def text_is_fallback(obj, field: str, language: str | None = None) -> bool:
    language = language or language_current()
    return (
        language != "sv"
        and bool(text_source(obj, field))
        and not (text_translation(obj, field, language))
    )


def choice_label(choice: dict, language: str | None = None) -> str:
    language = language or language_current()
    return choice.get(language) or choice.get("sv") or choice["value"]
