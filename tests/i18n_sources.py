"""What participants and referrers read: the templates and modules that make it,
and the messages they ask the catalogues for (read the way makemessages reads
them: Django's templatize for templates, the gettext calls of the Python code)."""

import ast
import re
from pathlib import Path

from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent

# Every page a participant or referrer sees, and the site chrome around it.
TEMPLATES = sorted(
    [
        *[
            p
            for p in (ROOT / "matching/templates/matching").glob("*.html")
            if p.is_file()
        ],
        ROOT / "config/templates/base.html",
        *(ROOT / "themes/templates/themes").rglob("*.html"),
        *(ROOT / "cms/templates/cms").rglob("*.html"),
    ]
)
# The code whose messages reach them: validation, eligibility, statuses, the
# e-mails and text messages, refusals.
MODULES = [
    ROOT / path
    for path in (
        "matching/participants/registration.py",
        "matching/participants/forms.py",
        "matching/participants/referrals.py",
        "matching/participants/status.py",
        "matching/participants/tokens.py",
        "matching/participants/self_service.py",
        "matching/participants/views.py",
        "matching/programs/eligibility.py",
        "matching/matches/selectors.py",
        "matching/matches/lifecycle.py",
        "matching/matches/views.py",
        "matching/matches/outcomes.py",
        "matching/events/services.py",
        "matching/pages.py",
        "matching/outbox/program_messages.py",
        "matching/templatetags/matching_tags.py",
    )
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
# A Python string literal as templatize writes it: u'...', or u"..." when the
# text has an apostrophe.
_STRING = r"""(u'(?:[^'\\]|\\.)*'|u"(?:[^"\\]|\\.)*")"""
_TEMPLATE_CALL = re.compile(rf"\b(n?gettext)\({_STRING}", re.DOTALL)


def template_messages(path: Path) -> set[str]:
    """The msgids a template asks for (a plural message by its singular)."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    return {ast.literal_eval(match.group(2)) for match in _TEMPLATE_CALL.finditer(code)}


def module_messages(path: Path) -> set[str]:
    """The msgids of gettext calls with literal strings in a Python module
    (long 'messages' written over lines are joined as Python joins them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT_NAMES
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def participant_messages() -> dict[str, set[str]]:
    """msgid -> the files that use it."""
    uses: dict[str, set[str]] = {}
    for path in TEMPLATES:
        for msgid in template_messages(path):
            uses.setdefault(msgid, set()).add(str(path.relative_to(ROOT)))
    for path in MODULES:
        for msgid in module_messages(path):
            uses.setdefault(msgid, set()).add(str(path.relative_to(ROOT)))
    return uses
