"""The autocomplete answered in front of Django, by the ASGI application itself.

`SharedCacheMiddleware` (hurtrock/sharedcache.py) keeps one autocomplete answer per normalised
query and language for every visitor. Served from inside Django, a hit still pays for the server's
thread hand-off, the request object and fifteen middleware: more than the answer itself, and the
autocomplete is asked on every keystroke. So this layer, around the HTTP application, keeps the
*final* answer of such a request (status, every header the middleware added, the body as sent,
gzipped or not) and replays it for the next request with the same key, without Django:

- the key is the shared cache's own (`sharedcache.request_key`: catalog version, language chosen as
  LocaleMiddleware would, normalised query), plus what the answer's headers depend on: the host
  headers, the scheme and forwarded scheme, whether the client takes gzip;
- only answers the shared-cache middleware marked (`X-Shared-Cache-Key`, stripped here) are
  kept, for the time it gave: a 200 JSON answer without cookies;
- a request the middleware would treat differently (a NUL byte or an overlong value, a HEAD) goes
  to Django, as does everything that is not the autocomplete.

A catalog write bumps the version (hurtrock/pagecache.py), so the next request builds a new key
and goes through Django once. The cache reads here are synchronous Redis round trips on the event
loop (~0.1 ms): cheaper than handing the request to a thread, which is the cost being removed.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.http.cookie import parse_cookie
from django.utils import translation

from hurtrock.compression import accepts_gzip
from hurtrock.sharedcache import AUTOCOMPLETE_PATH, MARK_HEADER, request_key

_KEY_HEADERS = (b"host", b"x-forwarded-host", b"x-forwarded-proto")
_MARK = MARK_HEADER.lower().encode("latin1")


class _Request:
    """What the shared cache's key and the gzip check read of a request, from the ASGI scope."""

    def __init__(self, scope, headers: dict):
        self.META = {
            "HTTP_ACCEPT_LANGUAGE": headers.get(b"accept-language", b"").decode("latin1"),
            "HTTP_ACCEPT_ENCODING": headers.get(b"accept-encoding", b"").decode("latin1"),
        }
        self.COOKIES = parse_cookie(headers.get(b"cookie", b"").decode("latin1"))
        self.GET = QueryDict(scope.get("query_string", b"").decode("latin1"), encoding=settings.DEFAULT_CHARSET)
        self.path_info = scope["path"]
        self.LANGUAGE_CODE = translation.get_language_from_request(self, check_path=False)


def _plain(query: QueryDict) -> bool:
    """True when MalformedInputMiddleware would let the query through unchanged."""
    limit = settings.QUERY_VALUE_MAX_LENGTH
    for key, values in query.lists():
        for text in (key, *values):
            if "\x00" in text or (limit is not None and len(text) > limit):
                return False
    return True


def _edge_key(scope, headers: dict) -> str | None:
    request = _Request(scope, headers)
    if not _plain(request.GET):
        return None
    where = b"|".join(headers.get(name, b"") for name in _KEY_HEADERS).decode("latin1")
    gzip = "gz" if settings.GZIP_RESPONSES and accepts_gzip(request) else "id"
    return f"edge:{request_key(request)}:{gzip}:{scope.get('scheme', 'http')}:{where}"


class EdgeCacheMiddleware:
    """ASGI middleware: replays marked autocomplete answers (SHARED_CACHE_SECONDS, 0: off)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] != "http"
            or scope["path"] != AUTOCOMPLETE_PATH
            or scope["method"] != "GET"
            or not settings.SHARED_CACHE_SECONDS
        ):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", []))
        key = _edge_key(scope, headers)
        if key is None:
            return await self.app(scope, receive, send)
        entry = cache.get(key)
        if entry is not None:
            await send({"type": "http.response.start", "status": 200, "headers": entry["headers"]})
            await send({"type": "http.response.body", "body": entry["body"]})
            return None
        answer = {"body": []}

        async def keep(message):
            if message["type"] == "http.response.start":
                # Header names compared lowercased: Django's own ASGI handler sends them as written.
                headers = [(name.lower(), value) for name, value in message.get("headers", [])]
                marked = [value for name, value in headers if name == _MARK]
                message = {**message, "headers": [h for h in message.get("headers", []) if h[0].lower() != _MARK]}
                answer.update(status=message["status"], headers=[h for h in headers if h[0] != _MARK], marked=marked)
            await send(message)
            if message["type"] == "http.response.body":
                answer["body"].append(message.get("body", b""))
                if not message.get("more_body", False):
                    _store(key, answer)  # now: the app may still be cancelled by the client leaving

        return await self.app(scope, receive, keep)


def _store(key: str, answer: dict) -> None:
    if not answer.get("marked") or answer["status"] != 200:
        return
    timeout = int(answer["marked"][0].decode("latin1"))
    if timeout > 0 and not any(name == b"set-cookie" for name, _ in answer["headers"]):
        replayed = [h for h in answer["headers"] if h[0] != b"x-page-cache"] + [(b"x-page-cache", b"edge")]
        cache.set(key, {"headers": replayed, "body": b"".join(answer["body"])}, timeout=timeout)
