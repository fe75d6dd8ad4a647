"""A program's own texts in the page's language: `{{ side|text:"name" }}`."""

from django import template

from matching.programs.texts import text_in

register = template.Library()


@register.filter
def text(obj, field: str) -> str:
    return text_in(obj, field)
