"""Answers that are the same for every visitor, signed in or not: the search autocomplete.

The page cache (`hurtrock/pagecache.py`) serves only visitors without a session, because a page
carries a cart badge, a CSRF token or a login. The autocomplete's JSON carries none of that: it
depends on the query and the language alone. So it is kept in the cache under the normalised
query (`search_query_clean`, as the view searches it) and the language, for every visitor, and a
hit is answered by this middleware before the view, the auth and the session are looked at.

It sits after the locale, CSRF, auth, message and CSP middleware (cheap and lazy on a request
that touches neither the session nor the user), so a hit gets the same headers as a miss.

Invalidation is the page cache's: the key holds `page_cache_version()` (bumped by every committed
catalog write) and the time-to-live is SHARED_CACHE_SECONDS (default PAGE_CACHE_SECONDS) (cut short at a sale boundary).
"""

import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from catalog.selectors import search_query_clean
from hurtrock.compression import accepts_gzip, gzip_response
from hurtrock.pagecache import page_cache_version

AUTOCOMPLETE_PATH = "/search/autocomplete/"
_KEPT_HEADERS = ("Content-Type", "Cache-Control")


def _key(request, version: int) -> str:
    query = search_query_clean(request.GET.get("q"))
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"sharedcache:autocomplete:{version}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def _timeout() -> int:
    """SHARED_CACHE_SECONDS, or less when a sale starts or ends sooner (as `page_timeout`)."""
    from django.utils import timezone

    from catalog.pricing import catalog_next_price_change_at

    seconds = settings.SHARED_CACHE_SECONDS
    change = catalog_next_price_change_at()
    if change is not None:
        seconds = min(seconds, max(int((change - timezone.now()).total_seconds()), 0))
    return seconds


class SharedCacheMiddleware:
    """Serves and stores the autocomplete for every visitor (SHARED_CACHE_SECONDS, 0: off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info != AUTOCOMPLETE_PATH
            or request.method not in ("GET", "HEAD")
            or not settings.SHARED_CACHE_SECONDS
        ):
            return self.get_response(request)
        key = _key(request, page_cache_version())
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["body"], content_type=entry["headers"]["Content-Type"])
            for name, value in entry["headers"].items():
                response[name] = value
            if "gz" in entry and accepts_gzip(request):
                gzip_response(response, entry["gz"])
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            timeout = _timeout()
            if timeout > 0:
                headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
                entry = {"body": response.content, "headers": headers}
                if settings.GZIP_RESPONSES:  # once, not on every hit (no secrets in it: plain gzip)
                    entry["gz"] = gzip.compress(response.content, compresslevel=6, mtime=0)
                cache.set(key, entry, timeout=timeout)
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("application/json")
        )
