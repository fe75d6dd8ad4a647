"""Reads for the landing site's templates, each a small fixed number of queries.

django-tenants clears Django's ContentType cache whenever a request sets its
tenant, so `page.specific_class` costs a query per page type on every request;
these reads join what they need instead (a home page stays within 10 queries).
"""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import SIGNUP_ANCHOR, NewsIndexPage, NewsPage

LATEST_NEWS_COUNT = 3
NEWS_PER_PAGE = 10
SEARCH_RESULTS_MAX = 50
FOOTER_PAGE_MODELS = ("contactpage", "accessibilitystatementpage")


def _unrestricted(queryset: QuerySet, *, below: Page) -> QuerySet:
    """`queryset` without pages under a view restriction deeper than `below`
    (Wagtail's serve already checked `below` and its ancestors), in the same
    query rather than the extra one `PageQuerySet.public()` makes."""
    # A restriction applies to its page and everything below it: its page's path
    # is a prefix of the candidate's path.
    restricted = PageViewRestriction.objects.filter(
        page__depth__gt=below.depth,
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )
    return queryset.filter(~Exists(restricted))


def home_page_context(*, page: Page, request) -> dict:
    """Program teasers (the programs among the home page's children, from the site
    navigation's query), the latest news below it, the hero image and partner
    logos (one query for all images) and where the hero's call to action leads:
    the chosen page, at its sign-up section if it is one of the programs, else the
    first program's sign-up."""
    navigation = site_navigation(
        site=Site.find_for_request(request),
        page=page,
        language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
        request=request,
    )
    programs = navigation["programs"]
    latest_news = list(
        _unrestricted(NewsPage.objects.live().descendant_of(page), below=page).order_by(
            "-date", "-pk"
        )[:LATEST_NEWS_COUNT]
    )
    hero_image, partners = _home_images(page=page)
    cta_url = ""
    if page.hero_cta_text:
        chosen = {program.pk: program for program in programs}
        if page.hero_cta_page_id in chosen:
            program = chosen[page.hero_cta_page_id]
            cta_url = f"{program.get_url(request)}#{SIGNUP_ANCHOR}"
        elif page.hero_cta_page_id:
            target = Page.objects.live().filter(pk=page.hero_cta_page_id).first()
            cta_url = (target.get_url(request) or "") if target else ""
        elif programs:
            cta_url = f"{programs[0].get_url(request)}#{SIGNUP_ANCHOR}"
    return {
        "programs": programs,
        "latest_news": latest_news,
        "hero_cta_url": cta_url,
        "hero_image": hero_image,
        "partners": partners,
    }


def _home_images(*, page: Page) -> tuple:
    """The hero image and the partners (name, url, logo) of a home page, with
    their images fetched in one query (the StreamField would take its own)."""
    raw_partners = [block.get("value", {}) for block in page.partners.raw_data if block]
    ids = {page.hero_image_id} | {p.get("logo") for p in raw_partners}
    ids.discard(None)
    images = get_image_model().objects.in_bulk(ids) if ids else {}
    partners = [
        {
            "name": p.get("name", ""),
            "url": p.get("url", ""),
            "logo": images.get(p.get("logo")),
        }
        for p in raw_partners
    ]
    return images.get(page.hero_image_id), partners


def news_page_list(*, index: NewsIndexPage, page_number: str | None) -> PaginatorPage:
    news = _unrestricted(NewsPage.objects.live().child_of(index), below=index).order_by(
        "-date", "-pk"
    )
    paginator = Paginator(news, NEWS_PER_PAGE)
    try:
        return paginator.page(page_number or 1)
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)


def page_search(*, root: Page, query: str) -> list[Page]:
    """Live, public pages of this site (the root's tree only) matching `query`."""
    if not query:
        return []
    results = (
        Page.objects.live()
        .public()
        .descendant_of(root, inclusive=True)
        .specific()
        .search(query)
    )
    return list(results[:SEARCH_RESULTS_MAX])


def site_navigation(*, site: Site, page: Page | None, language: str, request) -> dict:
    """The site chrome in one query: the home page in `language`, its menu and
    footer pages (contact, accessibility statement), its programs, and links to
    `page` (or else to the home page) in every language of the site.

    Kept on the request, so the home page's context and the base template share it.
    """
    memo_key = (site.pk, getattr(page, "pk", None), language)
    memo = getattr(request, "_cms_site_navigation", None)
    if memo is not None and memo[0] == memo_key:
        return memo[1]
    root = site.root_page
    keys = {root.translation_key}
    if page is not None:
        keys.add(page.translation_key)
    # The home page's children in every language (all homes are at root.depth),
    # and the translations of this page and of the home page.
    rows = list(
        _unrestricted(
            Page.objects.live().filter(
                Q(translation_key__in=keys) | Q(depth=root.depth + 1)
            ),
            below=root,
        )
        .select_related("locale", "content_type", "programpage__image")
        .order_by("path")
    )
    homes = {
        p.locale.language_code: p
        for p in rows
        if p.translation_key == root.translation_key
    }
    home = homes.get(language) or root
    translations = {
        p.locale.language_code: p
        for p in rows
        if page is not None and p.translation_key == page.translation_key
    }
    children = [
        p for p in rows if p.depth == home.depth + 1 and p.path.startswith(home.path)
    ]
    menu = [p for p in children if p.show_in_menus]
    footer = [
        p
        for p in children
        if p.content_type.app_label == "cms"
        and p.content_type.model in FOOTER_PAGE_MODELS
    ]
    programs = [
        p.programpage for p in children if p.content_type.model == "programpage"
    ]
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
                "full_url": target.get_full_url(request),
                "current": code == language,
                "is_translation": code in translations,
            }
        )
    navigation = {
        "home": home,
        "menu": menu,
        "footer": footer,
        "programs": programs,
        "languages": languages,
    }
    if request is not None:
        request._cms_site_navigation = (memo_key, navigation)
    return navigation
