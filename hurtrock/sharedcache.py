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

Under the ASGI server the same answers are replayed one step earlier, before Django, by
hurtrock/edgecache.py: this middleware tells it which answers it may keep, and for how long.
"""

import gzip
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from catalog.selectors import search_query_clean
from hurtrock.compression import accepts_gzip, gzip_response
from hurtrock.pagecache import page_cache_version, page_timeout

AUTOCOMPLETE_PATH = "/search/autocomplete/"
# On every answer this middleware serves or stores: how long the ASGI layer in front
# (hurtrock/edgecache.py) may replay it. That layer removes the header.
MARK_HEADER = "X-Shared-Cache-Seconds"
_KEPT_HEADERS = ("Content-Type", "Cache-Control")


def request_key(request) -> str:
    """The stored answer's key: catalog version, language, normalised query (nothing else is read)."""
    query = search_query_clean(request.GET.get("q"))
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"sharedcache:autocomplete:{page_cache_version()}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


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
        key = request_key(request)
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["body"], content_type=entry["headers"]["Content-Type"])
            for name, value in entry["headers"].items():
                response[name] = value
            if "gz" in entry and accepts_gzip(request):
                gzip_response(response, entry["gz"])
            response["X-Page-Cache"] = "hit"
            response[MARK_HEADER] = str(max(int(entry.get("until", 0) - time.time()), 0))  # not beyond this copy
            return response
        response = self.get_response(request)
        if self._storable(response):
            timeout = page_timeout(settings.SHARED_CACHE_SECONDS)
            if timeout > 0:
                headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
                entry = {"body": response.content, "headers": headers, "until": time.time() + timeout}
                if settings.GZIP_RESPONSES:  # once, not on every hit (no secrets in it: plain gzip)
                    entry["gz"] = gzip.compress(response.content, compresslevel=6, mtime=0)
                cache.set(key, entry, timeout=timeout)
                response["X-Page-Cache"] = "miss"
                response[MARK_HEADER] = str(timeout)
        return response

    @staticmethod
    def _storable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("application/json")
        )
