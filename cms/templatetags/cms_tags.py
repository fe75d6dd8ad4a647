"""Site chrome for the templates: the menu, footer links and language switcher."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.selectors import site_navigation as site_navigation_read

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"home": None, "menu": [], "footer": [], "languages": []}
    page = context.get("page")
    return site_navigation_read(
        site=site,
        page=page if isinstance(page, Page) else None,
        language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
        request=request,
    )
