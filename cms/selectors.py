"""Reads for the landing site's templates, each a small fixed number of queries."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from wagtail.models import Page

from cms.models import SIGNUP_ANCHOR, NewsIndexPage, NewsPage, ProgramPage

LATEST_NEWS_COUNT = 3
NEWS_PER_PAGE = 10
SEARCH_RESULTS_MAX = 50


def home_page_context(*, page: Page, request=None) -> dict:
    """Program teasers (children of the home page), the latest news below it and
    where the hero's call to action leads: the chosen page, at its sign-up section
    if it is a program, else the first program's sign-up."""
    programs = list(
        ProgramPage.objects.live()
        .public()
        .child_of(page)
        .select_related("image")
        .order_by("path")
    )
    latest_news = list(
        NewsPage.objects.live()
        .public()
        .descendant_of(page)
        .order_by("-date", "-pk")[:LATEST_NEWS_COUNT]
    )
    cta_url = ""
    if page.hero_cta_text:
        target = page.hero_cta_page
        if target is not None and target.live:
            cta_url = target.get_url(request) or ""
            if target.specific_class is ProgramPage:
                cta_url += f"#{SIGNUP_ANCHOR}"
        elif programs:
            cta_url = f"{programs[0].get_url(request)}#{SIGNUP_ANCHOR}"
    return {"programs": programs, "latest_news": latest_news, "hero_cta_url": cta_url}


def news_page_list(*, index: NewsIndexPage, page_number: str | None) -> PaginatorPage:
    news = NewsPage.objects.live().public().child_of(index).order_by("-date", "-pk")
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


def site_sections(*, home: Page) -> tuple[list[Page], list[Page]]:
    """The main menu (children shown in menus) and the footer links (contact and
    accessibility statement) of a home page, from one query."""
    from cms.models import AccessibilityStatementPage, ContactPage

    children = list(home.get_children().live().public().order_by("path"))
    menu = [child for child in children if child.show_in_menus]
    footer = [
        child
        for child in children
        if child.specific_class in (ContactPage, AccessibilityStatementPage)
    ]
    return menu, footer
