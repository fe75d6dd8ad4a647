"""A program's own texts in the page's language.

`{{ side|text:"name" }}` gives the plain text (for inside {% blocktranslate %});
`{% text program "summary" %}` marks a Swedish fallback with lang="sv" (so a
screen reader reads it as Swedish) and a class that staff see highlighted.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from matching.programs.texts import text_in, text_is_fallback

register = template.Library()


@register.filter
def text(obj, field: str) -> str:
    return text_in(obj, field)


@register.simple_tag(name="text")
def text_tag(obj, field: str) -> str:
    value = text_in(obj, field)
    if not text_is_fallback(obj, field):
        return value
    return format_html(
        '<span lang="sv" class="untranslated" title="{}">{}</span>',
        gettext("Not translated yet: shown in Swedish"),
        value,
    )
