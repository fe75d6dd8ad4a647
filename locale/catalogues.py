"""Fill and compile every catalogue under locale/ from its translation table.

For each language folder (locale/<code>/LC_MESSAGES/django.po, made by
`manage.py makemessages -l <code>`), the table `locale/<code>_translations.py`
gives TABLE (msgid -> text), PLURAL (msgid -> forms) and PLURAL_FORMS. The
catalogue is filled and compiled to django.mo with polib, so neither the build
nor `make test` needs GNU gettext. A msgid without a translation is left empty
(Django then shows the English msgid) and listed; a fuzzy guess of makemessages
is never kept. Run by `make messages`.
"""

import importlib.util
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent


def _table(code: str):
    path = LOCALE / f"{code}_translations.py"
    spec = importlib.util.spec_from_file_location(f"{code}_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalogue_fill(code: str) -> list[str]:
    """Fill and compile one language's catalogue; the msgids left untranslated."""
    table = _table(code)
    folder = LOCALE / code / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    po.metadata["Language"] = code
    po.metadata["Plural-Forms"] = table.PLURAL_FORMS
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = table.PLURAL.get(entry.msgid)
            entry.msgstr_plural = (
                dict(enumerate(forms))
                if forms
                else dict.fromkeys(entry.msgstr_plural, "")
            )
        else:
            entry.msgstr = table.TABLE.get(entry.msgid, "")
        if not (entry.msgstr or any((entry.msgstr_plural or {}).values())):
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    po.save()
    po.save_as_mofile(str(folder / "django.mo"))
    return missing


def main() -> None:
    codes = sorted(
        folder.name
        for folder in LOCALE.iterdir()
        if (folder / "LC_MESSAGES" / "django.po").exists()
    )
    for code in codes:
        missing = catalogue_fill(code)
        print(f"{code}: {len(missing)} msgids without a translation", file=sys.stderr)


if __name__ == "__main__":
    main()
