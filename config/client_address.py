"""The address of the person behind a request, as the platform's own proxy saw it.

Behind the TLS proxy (platform/Caddyfile) REMOTE_ADDR is the proxy's address, and
the proxy adds the client's address as the last entry of X-Forwarded-For. Entries
left of the ones our proxies added were written by the client and can be anything,
so only the entry `TRUSTED_PROXY_COUNT` places from the right is believed; with no
proxy (0) the header is ignored altogether. DRF's throttles read the same setting
(`NUM_PROXIES`), so the API and the HTML forms count the same address.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if not hops:
        return remote
    return hops[-min(proxies, len(hops))]


def client_address_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: the client's address (the cache key carries the
    tenant's schema, so each tenant counts on its own)."""
    return client_address(request)
