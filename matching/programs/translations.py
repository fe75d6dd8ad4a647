"""Translating a program's own texts: what there is to translate in a language,
what is missing, and saving a coordinator's translations."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from config.errors import ApplicationError
from matching.models import Program, ProgramSide, Question
from matching.programs.texts import language_current, text_source, text_translation

LANGUAGE_NOT_TRANSLATED = _(
    "Choose one of the site's languages other than Swedish: {languages}."
)
TEXT_TOO_LONG = _("“{label}” may be at most {limit} characters.")
TEXT_LIMIT = 2000

PROGRAM_FIELDS = (
    ("name", _("Name"), 120),
    ("summary", _("Summary"), TEXT_LIMIT),
    ("commitment_text", _("Commitment in words"), 200),
    ("consent_purpose", _("Purpose of the data"), TEXT_LIMIT),
    ("consent_recipients", _("Who sees the data"), TEXT_LIMIT),
)
SIDE_FIELDS = (
    ("name", _("Side's name"), 60),
    ("description", _("Who it is for"), 2000),
)
QUESTION_FIELDS = (("label", _("Question"), 200), ("help", _("Help text"), 300))


@dataclass
class TranslationRow:
    key: str  # the form field: "program.name", "side.12.name", "choice.7.2", ...
    label: str
    source: str
    value: str
    limit: int

    @property
    def missing(self) -> bool:
        return bool(self.source.strip()) and not self.value.strip()

    @property
    def multiline(self) -> bool:
        return self.limit > 300 or "\n" in self.source


def languages_enabled() -> list[str]:
    """The languages the tenant has enabled: its Wagtail locales (its admins add
    and remove them under Settings → Locales) that have a catalogue."""
    codes = set(Locale.objects.values_list("language_code", flat=True)) | {"sv"}
    return [code for code, _name in settings.LANGUAGES if code in codes]


def languages_translated() -> list[tuple[str, str]]:
    """The tenant's languages a program's texts are translated into (not Swedish,
    the language they are written in)."""
    enabled = set(languages_enabled())
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != "sv" and code in enabled
    ]


def _language_checked(language: str) -> str:
    translated = [code for code, _name in languages_translated()]
    if language not in translated:
        raise ApplicationError(
            LANGUAGE_NOT_TRANSLATED.format(languages=", ".join(translated)),
            {"field": "language"},
        )
    return language


def program_translation_rows(program: Program, language: str) -> list[TranslationRow]:
    """Every text of the program a participant reads, with its Swedish and its
    translation into `language` ("" where missing)."""
    _language_checked(language)
    rows = [
        TranslationRow(
            f"{kind}.{field}" if kind == "program" else f"{kind}.{obj.pk}.{field}",
            str(label) if kind == "program" else f"{label} ({name})",
            text_source(obj, field),
            text_translation(obj, field, language),
            limit,
        )
        for obj, fields in _texts_of(program)
        for kind, name in [_kind_and_name(obj)]
        for field, label, limit in fields
    ]
    for question in program.questions.all():
        for index, choice in enumerate(question.choices or []):
            rows.append(
                TranslationRow(
                    f"choice.{question.pk}.{index}",
                    f"{_('Option')} ({question.key}: {choice.get('value', '')})",
                    choice.get("sv") or choice.get("value", ""),
                    choice.get(language, "") or "",
                    200,
                )
            )
    return [row for row in rows if row.source.strip()]


def message_templates_missing(program: Program, language: str) -> list[str]:
    """The program's own messages that have no version in `language` (they are
    sent in Swedish to people who chose it)."""
    templates = list(program.message_templates.all())
    have = {(t.key, t.channel) for t in templates if t.language == language}
    return sorted(
        {
            f"{t.key} ({t.channel})"
            for t in templates
            if t.language == "sv" and (t.key, t.channel) not in have
        }
    )


def program_translation_status(program: Program) -> list[dict]:
    """Per language other than Swedish: how many texts are missing."""
    status = []
    for code, name in languages_translated():
        rows = program_translation_rows(program, code)
        status.append(
            {
                "code": code,
                "name": name,
                "missing": sum(row.missing for row in rows)
                + len(message_templates_missing(program, code)),
            }
        )
    return status


def program_translations_save(
    *, program: Program, language: str, values: dict
) -> Program:
    """Store the translations a coordinator entered (an empty one removes it).
    Rows are locked, so two coordinators saving at once both keep their texts."""
    _language_checked(language)
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        rows = {row.key: row for row in program_translation_rows(program, language)}
        for key, raw in values.items():
            row = rows.get(key)
            if row is not None and len(str(raw or "").strip()) > row.limit:
                raise ApplicationError(
                    TEXT_TOO_LONG.format(label=row.label, limit=row.limit),
                    {"field": key},
                )
        sides = {
            s.pk: s
            for s in ProgramSide.objects.select_for_update().filter(program=program)
        }
        questions = {
            q.pk: q
            for q in Question.objects.select_for_update().filter(program=program)
        }
        changed = {"program": False, "sides": set(), "questions": set()}
        for key, raw in values.items():
            if key not in rows:
                continue
            text = str(raw or "").strip()
            kind, *rest = key.split(".")
            if kind == "program":
                _store(program, language, rest[0], text)
                changed["program"] = True
            elif kind == "side":
                _store(sides[int(rest[0])], language, rest[1], text)
                changed["sides"].add(int(rest[0]))
            elif kind == "question":
                _store(questions[int(rest[0])], language, rest[1], text)
                changed["questions"].add(int(rest[0]))
            elif kind == "choice":
                question = questions[int(rest[0])]
                choice = question.choices[int(rest[1])]
                if text:
                    choice[language] = text
                else:
                    choice.pop(language, None)
                changed["questions"].add(question.pk)
        if changed["program"]:
            program.save(update_fields=["translations", "updated_at"])
        for pk in changed["sides"]:
            sides[pk].save(update_fields=["translations"])
        for pk in changed["questions"]:
            questions[pk].save(update_fields=["translations", "choices"])
    return program


def _store(obj, language: str, field: str, text: str) -> None:
    translations = dict(obj.translations or {})
    texts = dict(translations.get(language) or {})
    if text:
        texts[field] = text
    else:
        texts.pop(field, None)
    translations[language] = texts
    obj.translations = translations


def _kind_and_name(obj) -> tuple[str, str]:
    if isinstance(obj, Program):
        return "program", obj.name
    if isinstance(obj, ProgramSide):
        return "side", obj.name_sv
    return "question", obj.key


def _texts_of(program: Program):
    yield program, PROGRAM_FIELDS
    for side in program.sides.all():
        yield side, SIDE_FIELDS
    for question in program.questions.all():
        yield question, QUESTION_FIELDS


def program_languages(program: Program, enabled: list[str] | None = None) -> list[str]:
    """The languages a program has: Swedish, and each of the tenant's languages
    (`enabled`, read once by the caller) its own texts are translated into (its
    name or summary, a side, a question)."""
    if enabled is None:
        enabled = languages_enabled()
    found = {"sv"} | {
        code
        for code in enabled
        if code != "sv"
        and any(
            text_translation(obj, field, code)
            for obj, fields in _texts_of(program)
            for field, _label, _limit in fields
        )
    }
    return [code for code, _name in settings.LANGUAGES if code in found]


def registration_languages(program: Program, page_language: str = "") -> list[str]:
    """What the registration form offers: the program's languages and the page's
    (of those the tenant has enabled)."""
    enabled = languages_enabled()
    offered = set(program_languages(program, enabled))
    current = page_language or language_current()
    if current in enabled:
        offered.add(current)
    return [code for code, _name in settings.LANGUAGES if code in offered]
