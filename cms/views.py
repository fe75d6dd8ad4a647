"""Search, sitemap.xml and robots.txt; the pages themselves are served by Wagtail."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Site

from cms.selectors import page_search
from cms.sitemaps import SiteSitemap

SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        return HttpResponse(status=404)
    home = site.root_page.localized
    query = (request.GET.get("q") or "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = page_search(root=home, query=query) if query else []
    return render(
        request,
        "cms/search.html",
        {
            "home": home,
            "search_query": query,
            "search_results": results,
        },
    )


@require_GET
def sitemap_view(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps={"pages": SiteSitemap})


@require_GET
def robots_txt_view(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /support/",
        "Disallow: /documents/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
