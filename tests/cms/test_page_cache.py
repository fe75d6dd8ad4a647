"""The page cache: a hit costs no query (not even the host's tenant), is keyed by
host, is renewed by publishing, and never holds what is behind a login."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context
from wagtail.models import PageViewRestriction, Site

from cms.models import StandardPage
from cms.page_cache import page_cache_invalidate
from tests.conftest import ALPHA_HOST, BETA_HOST
from themes.models import ThemeSettings
from themes.services import theme_update


@pytest.fixture(autouse=True)
def _page_cache_empty():
    # Redis outlives the test database: start every test from a new generation.
    page_cache_invalidate(hostnames=["alpha.localhost", "beta.localhost"])


def _page(tenant, title, slug):
    with tenant_context(tenant):
        home = Site.objects.get(is_default_site=True).root_page
        page = StandardPage(title=title, slug=slug, body=f"<p>{title}</p>")
        home.add_child(instance=page)
        page.save_revision().publish()
        return page


def test_a_cached_page_costs_no_query_at_all(client, alpha):
    first = client.get("/", HTTP_HOST=ALPHA_HOST)
    assert first["X-Page-Cache"] == "miss"

    with CaptureQueriesContext(connection) as queries:
        second = client.get("/", HTTP_HOST=ALPHA_HOST)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 0, [q["sql"][:120] for q in queries.captured_queries]


def test_each_host_gets_its_own_page(client, alpha, beta):
    client.get("/", HTTP_HOST=ALPHA_HOST)
    client.get("/", HTTP_HOST=ALPHA_HOST)

    beta_page = client.get("/", HTTP_HOST=BETA_HOST).content.decode()

    assert "Beta Kompis" in beta_page and "Alpha Kompis" not in beta_page


def test_publishing_renews_the_tenants_pages(client, alpha):
    page = _page(alpha, "Om oss", "om-oss")
    assert "Om oss" in client.get("/om-oss/", HTTP_HOST=ALPHA_HOST).content.decode()
    client.get("/om-oss/", HTTP_HOST=ALPHA_HOST)

    with tenant_context(alpha):
        page.title = "Om JärfällaKompis"
        page.save_revision().publish()

    response = client.get("/om-oss/", HTTP_HOST=ALPHA_HOST)
    assert response["X-Page-Cache"] == "miss"
    assert "Om JärfällaKompis" in response.content.decode()


def test_a_theme_change_renews_the_tenants_pages(client, alpha):
    client.get("/", HTTP_HOST=ALPHA_HOST)
    with tenant_context(alpha):
        theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
        theme_update(theme=theme, primary_colour="#004d40")

    assert "#004d40" in client.get("/", HTTP_HOST=ALPHA_HOST).content.decode()


def test_nothing_behind_a_login_is_cached(client, alpha):
    page = _page(alpha, "Internt", "internt")
    with tenant_context(alpha):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
        get_user_model().objects.create_user(
            username="staff", password="s3cret-pass-123", is_staff=True
        )
    assert client.get("/internt/", HTTP_HOST=ALPHA_HOST).status_code == 302

    signed_in = Client()
    signed_in.post(
        "/admin/login/",
        {"username": "staff", "password": "s3cret-pass-123"},
        HTTP_HOST=ALPHA_HOST,
    )
    for _ in range(2):
        response = signed_in.get("/internt/", HTTP_HOST=ALPHA_HOST)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    # An anonymous visitor still gets the login redirect, not the signed-in page.
    assert client.get("/internt/", HTTP_HOST=ALPHA_HOST).status_code == 302
    assert "X-Page-Cache" not in signed_in.get("/", HTTP_HOST=ALPHA_HOST)


def test_an_unknown_host_creates_no_cache_key(client, alpha):
    from django.core.cache import cache

    from cms.page_cache import _generation_key, _public_keys

    for host in ("unknown.example.se", "x" * 60 + ".example.se"):
        client.get("/", HTTP_HOST=host)
        client.get("/om-oss/", HTTP_HOST=host)
        _public_keys()
        assert cache.get(_generation_key(host)) is None, host


def test_every_page_cache_key_expires(client, alpha):
    from django.core.cache import cache

    from cms.page_cache import GENERATION_TIMEOUT, PAGE_CACHE_TIMEOUT, _public_keys

    cache.delete_pattern("*pagecache:gen:alpha.localhost*")
    assert client.get("/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "hit"
    _public_keys()
    keys = list(cache.iter_keys("*pagecache*alpha.localhost*"))
    assert keys, "the page and its host's generation are cached"
    for key in keys:
        ttl = cache.ttl(key)
        assert ttl is not None and 0 < ttl <= max(
            GENERATION_TIMEOUT, PAGE_CACHE_TIMEOUT
        )


SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@override_settings(SECURE_HSTS_SECONDS=3600, SECURE_CONTENT_TYPE_NOSNIFF=True)
def test_a_cache_hit_carries_the_same_security_headers_as_a_miss(client, alpha):
    miss = client.get("/", HTTP_HOST=ALPHA_HOST, secure=True)
    hit = client.get("/", HTTP_HOST=ALPHA_HOST, secure=True)

    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for name in SECURITY_HEADERS:
        assert name in miss, name
        assert hit[name] == miss[name], name
    assert miss["Strict-Transport-Security"] == "max-age=3600"
    directives = [d.strip() for d in hit["Content-Security-Policy"].split(";")]
    assert "script-src 'self'" in directives


def test_a_view_restriction_renews_the_pages_it_covers(client, alpha):
    page = _page(alpha, "Internt", "internt")
    client.get("/internt/", HTTP_HOST=ALPHA_HOST)
    assert client.get("/internt/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "hit"

    with tenant_context(alpha):
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type=PageViewRestriction.PASSWORD,
            password="partners-only",
        )
    # Served to nobody from the cache any more: the password form, uncached.
    restricted = client.get("/internt/", HTTP_HOST=ALPHA_HOST)
    assert "X-Page-Cache" not in restricted
    assert "<p>Internt</p>" not in restricted.content.decode()

    with tenant_context(alpha):
        restriction.delete()
    assert (
        "<p>Internt</p>"
        in client.get("/internt/", HTTP_HOST=ALPHA_HOST).content.decode()
    )


def test_changing_a_restrictions_groups_renews_the_pages(client, alpha):
    from django.contrib.auth.models import Group

    page = _page(alpha, "Partner", "partner")
    with tenant_context(alpha):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    client.get("/", HTTP_HOST=ALPHA_HOST)
    assert client.get("/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "hit"

    with tenant_context(alpha):
        restriction.groups.add(Group.objects.get_or_create(name="Partners")[0])

    assert client.get("/", HTTP_HOST=ALPHA_HOST)["X-Page-Cache"] == "miss"
