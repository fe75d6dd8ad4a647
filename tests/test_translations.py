"""Everything participants and referrers read goes through the translation
machinery, and every catalogue has every message they are shown."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.i18n_sources import ROOT, TEMPLATES, participant_messages

# Template syntax, HTML and what is not prose, removed before looking for text.
_TRANSLATED = re.compile(
    r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}|{%\s*translate\b.*?%}",
    re.DOTALL,
)
_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.DOTALL)
# Blocks that hold a machine value (a CSS class, an Open Graph type), not prose.
_VALUE_BLOCK = re.compile(
    r"{%\s*block\s+(?:og_type|body_class)\s*%}.*?{%\s*endblock\s*%}", re.DOTALL
)
_STYLE_SCRIPT = re.compile(r"<(style|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_TAG_OR_VARIABLE = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
# Text in attributes people read (a label, a title, an image's text).
_READ_ATTRIBUTE = re.compile(
    r'\b(?:alt|title|aria-label|placeholder)="([^"{]*[^\W\d_][^"{]*)"'
)


def untranslated_text(source: str) -> list[str]:
    """Words a template shows outside {% translate %} / {% blocktranslate %}."""
    source = _COMMENT.sub(" ", source)
    source = _STYLE_SCRIPT.sub(" ", source)
    source = _VALUE_BLOCK.sub(" ", source)
    source = _TRANSLATED.sub(" ", source)
    found = [m.group(1) for m in _READ_ATTRIBUTE.finditer(source)]
    source = _TAG_OR_VARIABLE.sub(" ", source)
    source = _HTML_TAG.sub(" ", source)
    source = _ENTITY.sub(" ", source)
    found += [word for word in re.findall(r"[^\W\d_]{2,}", source)]
    return found


def test_the_check_finds_text_outside_the_translation_machinery():
    assert untranslated_text("<p>Hej {{ name }}</p>") == ["Hej"]
    assert untranslated_text('<img alt="Logotyp" src="{{ x }}">') == ["Logotyp"]
    assert (
        untranslated_text(
            '{% load i18n %}<p title="{{ t }}">{% translate "Hi" %} – '
            "{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}</p>"
        )
        == []
    )


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT))
)
def test_participant_templates_have_no_text_outside_translation(template: Path):
    assert untranslated_text(template.read_text(encoding="utf-8")) == []


def _catalogue(code: str) -> dict[str, bool]:
    po = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    return {
        entry.msgid: bool(entry.msgstr or any(entry.msgstr_plural.values()))
        for entry in po
        if not entry.obsolete and "fuzzy" not in entry.flags
    }


@pytest.mark.parametrize(
    "code", [code for code, _name in settings.LANGUAGES if code != "en"]
)
def test_every_catalogue_translates_every_message_participants_read(code):
    catalogue = _catalogue(code)
    missing = {
        msgid: sorted(files)
        for msgid, files in participant_messages().items()
        if not catalogue.get(msgid)
    }
    assert missing == {}, f"{code} lacks (run `make messages`)"


def test_the_compiled_catalogues_are_up_to_date():
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        folder = ROOT / "locale" / code / "LC_MESSAGES"
        compiled = polib.mofile(str(folder / "django.mo"))
        source = polib.pofile(str(folder / "django.po"))
        assert {e.msgid: e.msgstr for e in compiled if e.msgstr} == {
            e.msgid: e.msgstr
            for e in source
            if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
        }, code


def test_arabic_is_offered_and_written_right_to_left():
    assert {"sv", "en", "ar"} <= {code for code, _name in settings.LANGUAGES}
    assert "ar" in settings.LANGUAGES_BIDI


def test_the_extraction_reads_texts_with_an_apostrophe(tmp_path):
    from tests.i18n_sources import template_messages

    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}{% translate "It\'s here" %}{% translate "Plain" %}'
        "{% blocktranslate count n=2 %}{{ n }} day{% plural %}{{ n }} days"
        "{% endblocktranslate %}"
    )
    assert template_messages(template) == {"It's here", "Plain", "%(n)s day"}
