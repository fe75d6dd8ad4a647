"""Site chrome for the templates: the menu and the language switcher."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.selectors import site_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """Home page in the current language, its menu and footer pages, and links to
    this page (or else to the home page) in every language of the site. Two
    queries."""
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"home": None, "menu": [], "footer": [], "languages": []}
    keys = {site.root_page.translation_key}
    if isinstance(page, Page):
        keys.add(page.translation_key)
    candidates = list(
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
    )
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    homes = {
        p.locale.language_code: p
        for p in candidates
        if p.translation_key == site.root_page.translation_key
    }
    translations = {
        p.locale.language_code: p
        for p in candidates
        if isinstance(page, Page) and p.translation_key == page.translation_key
    }
    home = homes.get(language) or site.root_page
    languages = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        languages.append(
            {
                "code": code,
                "name": name,
                "url": target.get_url(request),
                "current": code == language,
                "is_translation": code in translations,
            }
        )
    menu, footer = site_sections(home=home)
    return {"home": home, "menu": menu, "footer": footer, "languages": languages}
