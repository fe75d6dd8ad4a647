import logging

from cms.page_cache import page_cache_get, page_cache_set, request_is_cacheable

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """Serves anonymous visitors' pages from the cache before any tenant lookup;
    goes first in MIDDLEWARE (see cms.page_cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        try:
            cached, key = page_cache_get(request)
        except Exception:  # the cache is down: serve the page the slow way
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        try:
            page_cache_set(key=key, response=response, request=request)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
        return response
