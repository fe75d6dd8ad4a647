"""A whole-page cache for anonymous visitors, consulted before the tenant lookup.

Keys carry the host (which names the tenant) and a generation per host that every
publish, unpublish, move, delete or theme change of that tenant renews, so a hit
costs no database query at all and a change shows at once. Only responses that
Wagtail served for an anonymous visitor, of a page without view restrictions, and
that set no cookie, are stored; requests with a session cookie or a query string
always go through.

A hit skips the middleware below it, the tenant status check included: a tenant
suspended or archived keeps showing its cached pages for up to PAGE_CACHE_TIMEOUT
unless its hosts' generations are renewed (page_cache_invalidate) when the status
changes.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PAGE_CACHE_TIMEOUT = 300
# Every key expires: a host's generation a week after its last renewal (its pages
# long before); an expired generation only means the next page is cached afresh.
GENERATION_TIMEOUT = 7 * 24 * 3600
CACHEABLE_ATTRIBUTE = "_kompis_page_cacheable"
# What the response carried from the middleware below the cache, which a hit
# skips. The security headers come from the middleware above it, hit or miss.
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary")


def _public_keys():
    # django-tenants' cache key function prefixes the active schema; the lookup
    # happens before the tenant is known, so every read and write goes through the
    # public schema's prefix. Setting it runs no query.
    connection.set_schema_to_public()


def _generation_key(hostname: str) -> str:
    return f"pagecache:gen:{hostname}"


def _host_keys(request: HttpRequest) -> tuple[str, str]:
    """The host as pages are keyed (with its port) and its generation's key."""
    host = request.get_host().lower()
    return host, _generation_key(host.split(":")[0])


def _page_key(*, host: str, path: str, generation: str) -> str:
    return f"pagecache:page:{generation}:{host}:{path}"


def request_is_cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def page_cache_get(request: HttpRequest) -> tuple[HttpResponse | None, str]:
    """The cached response for this request, if any, and the key to store it
    under otherwise."""
    _public_keys()
    host, generation_key = _host_keys(request)
    generation = cache.get(generation_key)
    if generation is None:
        # Nothing cached for this host (or never a page of a tenant): a lookup
        # writes no key, so an unknown Host cannot fill the cache.
        return None, None
    key = _page_key(host=host, path=request.path, generation=generation)
    stored = cache.get(key)
    if stored is None:
        return None, key
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response, key


def page_cache_set(
    *, key: str | None, response: HttpResponse, request: HttpRequest
) -> None:
    """Store a page Wagtail served for a tenant's host. A host gets its generation
    key here, on its first cacheable page, never on a lookup."""
    if (
        not getattr(response, CACHEABLE_ATTRIBUTE, False)
        or response.status_code != 200
        or response.streaming
        or response.cookies
    ):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    headers = {name: response[name] for name in STORED_HEADERS if name in response}
    _public_keys()
    if key is None:
        host, generation_key = _host_keys(request)
        cache.add(generation_key, uuid.uuid4().hex, GENERATION_TIMEOUT)
        generation = cache.get(generation_key)
        if generation is None:
            return
        key = _page_key(host=host, path=request.path, generation=generation)
    cache.set(key, (response.content, headers), PAGE_CACHE_TIMEOUT)
    response["X-Page-Cache"] = "miss"


def page_cache_invalidate(*, hostnames: list[str]) -> None:
    """Renew the generation of each host: its cached pages are never read again
    (and expire on their own)."""
    schema = connection.schema_name
    tenant = getattr(connection, "tenant", None)
    _public_keys()
    try:
        cache.set_many(
            {_generation_key(name): uuid.uuid4().hex for name in hostnames},
            GENERATION_TIMEOUT,
        )
    except Exception:
        # A publish must not fail because the cache is down; cached pages then
        # expire after PAGE_CACHE_TIMEOUT.
        logger.warning("page cache not renewed for %s", hostnames, exc_info=True)
    finally:
        if tenant is not None and schema != "public":
            connection.set_tenant(tenant)


def page_cache_invalidate_current_tenant(**_kwargs) -> None:
    """Signal receiver: a change in the active tenant's schema renews its hosts."""
    from tenants.models import Domain

    schema = connection.schema_name
    if schema == "public":
        return
    hostnames = list(
        Domain.objects.filter(tenant__schema_name=schema).values_list(
            "domain", flat=True
        )
    )
    if hostnames:
        # Now, and again after the commit: a visitor between the two could have
        # cached the page as it was before the change.
        page_cache_invalidate(hostnames=hostnames)
        transaction.on_commit(lambda: page_cache_invalidate(hostnames=hostnames))


def page_cache_invalidate_tenant(*, tenant, **_kwargs) -> None:
    """Provisioning hook "status_changed": a suspended or archived tenant's cached
    pages must not outlive the change (a hit skips the status check)."""
    hostnames = list(tenant.domains.values_list("domain", flat=True))
    if hostnames:
        page_cache_invalidate(hostnames=hostnames)
