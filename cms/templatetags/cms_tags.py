"""Site chrome for the templates: the menu, footer links and language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
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
    page = page if isinstance(page, Page) else None
    navigation = site_navigation_read(
        site=site,
        page=page,
        language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
        request=request,
    )
    if page is None and _outside_page_tree(request):
        # A page of our own (registration, a participant's pages, search): the
        # switcher leads to the same page in each language of the site.
        navigation = {
            **navigation,
            "languages": [
                {
                    **language,
                    "url": translate_url(request.get_full_path(), language["code"]),
                    "is_translation": True,
                }
                for language in navigation["languages"]
            ],
        }
    return navigation


def _outside_page_tree(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name not in (None, "wagtail_serve")
