"""Whole-page cache for anonymous visitors of the storefront's read-only pages.

A visitor without a session (no cart, no messages, not signed in) sees the same home, product
list, product page, search and autocomplete as every other such visitor in their language, so
those answers are kept in the cache (Redis in production) for `PAGE_CACHE_SECONDS` and served
without a view, a template or a query.

What differs per request is cut out of the stored copy and put back on every hit:
- the CSRF token (each visitor gets their own, and the CSRF middleware sets their cookie), and
- the CSP nonce (the header and the page's `nonce=` attributes must match).
With GZIP_RESPONSES each entry also keeps a gzip copy made once (hurtrock/compression.py), into
which a hit puts the same token and nonce uncompressed.

Invalidation: every key contains a version number kept in the cache. Any committed write to a
table whose rows appear on these pages (`PAGE_CACHE_TABLES`: the catalog, the store profile, …)
bumps it, from whatever code path (ORM save, `QuerySet.update()`, bulk imports, the admin, another
process), because the bump is hooked into the database connection itself. A price, stock, name,
image or category change is therefore visible on the next request. The time-to-live bounds what
changes by the clock alone (opening hours "open now"), and it is cut short when a sale or flash
sale starts or ends sooner (`catalog.pricing.catalog_next_price_change_at`).
"""

import hashlib
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token

from hurtrock import personal
from hurtrock.compression import accepts_gzip, gzip_response, pieces_compress, pieces_join

VERSION_KEY = "pagecache:version"
BUYER_VERSION_KEY = "pagecache:buyer-version"
CSRF_MARK = "\x00csrf\x00"
NONCE_MARK = "\x00nonce\x00"
_TOKEN = re.compile(rf"[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}")
_CACHEABLE_TYPES = ("text/html", "application/json")


# --- Invalidation ----------------------------------------------------------------------------


def page_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def page_cache_invalidate() -> None:
    """Start a new version: every stored page becomes unreachable (and expires by itself)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted): any new value differs from the stored pages'
        cache.set(VERSION_KEY, 2, timeout=None)


def buyer_data_invalidate() -> None:
    """A cart, wishlist or chat room changed: every buyer's cached badges are read again."""
    try:
        cache.incr(BUYER_VERSION_KEY)
    except ValueError:
        cache.set(BUYER_VERSION_KEY, 2, timeout=None)


_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _written_table(sql: str) -> str | None:
    match = _WRITE.match(sql)
    return None if match is None else match.group(1).lower()


def _writes_cached_table(sql: str) -> bool:
    table = _written_table(sql)
    if table is None:
        return False
    return table.startswith(settings.PAGE_CACHE_TABLES) and table not in settings.PAGE_CACHE_TABLES_IGNORED


def _on_commit(connection, func) -> None:
    if not connection.in_atomic_block:
        func()
    elif not any(queued is func for _, queued, _ in connection.run_on_commit):
        transaction.on_commit(func, using=connection.alias)


_TABLE_LISTENERS: dict[str, list[Callable[[], None]]] = {}


def on_table_write(table: str, func: Callable[[], None]) -> None:
    """Call `func` after each commit of a write to `table` (an app's own cache of that table): the
    same hook as the page cache's, so an ORM save, `QuerySet.update()`, a bulk import or the admin
    all count. Register once, from the app's `ready()`."""
    listeners = _TABLE_LISTENERS.setdefault(table, [])
    if func not in listeners:
        listeners.append(func)


def _invalidate_on_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and (table := _written_table(sql)) is not None:
        if _writes_cached_table(sql):
            _on_commit(context["connection"], page_cache_invalidate)
        if table in settings.PAGE_CACHE_BUYER_TABLES:
            _on_commit(context["connection"], buyer_data_invalidate)
        for func in _TABLE_LISTENERS.get(table, ()):
            _on_commit(context["connection"], func)
    return result


@receiver(connection_created)
def _install_write_hook(sender, connection, **kwargs):
    if _invalidate_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_invalidate_on_write)


# --- The cache ------------------------------------------------------------------------------


def _visitor(request) -> str | None:
    """Which copy of the page this request may share: "a" anonymous, "u" signed-in buyer, or None."""
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return None
    match = request.resolver_match
    if match is None or len(request.get_full_path()) > 1000:
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME not in cookies:
        # Messages would be part of the page: such visitors get their own.
        return "a" if match.view_name in settings.PAGE_CACHE_VIEWS and "messages" not in cookies else None
    if match.view_name not in settings.PAGE_CACHE_SIGNED_IN_VIEWS:
        return None
    # A signed-in buyer shares the page with the other buyers, but not their own parts
    # (hurtrock/personal.py). Staff are left out: their pages may show the back office.
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not user.is_staff:
        return "u"
    return None  # a session without a login (a visitor's cart): rendered for them


def _buyer_key(request, version: int) -> str:
    return f"pagecache:buyer:{version}:{cache.get_or_set(BUYER_VERSION_KEY, 1, timeout=None)}:{request.user.pk}"


def _buyer_data(request, key: str) -> dict:
    """What a hit's holes show of the buyer besides their name: wishlist ids (navbar count and
    hearts), cart units, chat room. Kept per buyer under the catalog's and the buyer tables'
    versions, so any write to `PAGE_CACHE_BUYER_TABLES` (or a product leaving the shop) reads it again."""
    from catalog.context_processors import wishlist_ids_of
    from chat.selectors import chat_room_name_of
    from orders.cart import cart_for_request

    user = request.user
    data = cache.get(key)
    if data is None:
        data = {
            "wishlist_ids": sorted(wishlist_ids_of(user)),
            "cart_count": cart_for_request(request).count(),
            "chat_room_name": chat_room_name_of(user),
            "kept": {},  # kept switches' states (review form, back-in-stock request) and holes' HTML
            "until": time.time() + settings.PAGE_CACHE_SECONDS,  # adding to "kept" does not extend it
        }
        cache.set(key, data, timeout=settings.PAGE_CACHE_SECONDS)
    return data


def _buyer_data_keep(key: str, stored: dict, kept: dict) -> None:
    remaining = int(stored.get("until", 0) - time.time())
    if remaining > 0:  # what is kept by the clock (the chat widget's "open now") ends on time
        cache.set(key, {**stored, "kept": kept}, timeout=remaining)


def _buyer_context(data: dict) -> dict:
    ids = frozenset(data["wishlist_ids"])
    return {
        "wishlist_ids": ids,
        "wishlist_count": len(ids),
        "cart_count": data["cart_count"],
        "chat_room_name": data["chat_room_name"],
    }


def _key(request, visitor: str, version: int) -> str:
    digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()[:32]
    language = getattr(request, "LANGUAGE_CODE", "")
    return (
        f"pagecache:{version}:{language}:{digest}"
        if visitor == "a"
        else f"pagecache:{version}:{visitor}:{language}:{digest}"
    )


def _marked(request, body: str) -> str:
    """`body` with this request's CSRF tokens and CSP nonce replaced by marks."""
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        body = _TOKEN.sub(lambda m: CSRF_MARK if _unmask_cipher_token(m.group()) == secret else m.group(), body)
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # evaluated: the page used it
        body = body.replace(str(nonce), NONCE_MARK)
    return body


def page_timeout(seconds: int | None = None) -> int:
    """`seconds` (PAGE_CACHE_SECONDS), or less when a sale starts or ends sooner (prices change by the clock)."""
    from django.utils import timezone

    from catalog.pricing import catalog_next_price_change_at

    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    change = catalog_next_price_change_at()
    if change is not None:
        seconds = min(seconds, max(int((change - timezone.now()).total_seconds()), 0))
    return seconds


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or getattr(response, "_page_cache_skip", False):
        return False
    if not response.get("Content-Type", "").startswith(_CACHEABLE_TYPES):
        return False
    # Anything that set a cookie other than the CSRF one is not the same for the next visitor.
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


class PageCacheMiddleware:
    """Last in MIDDLEWARE: serves hits before the view, stores misses after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if not key:
            return response
        if personal.recording(request):
            return self._store_personal(request, response, key)
        if _storable(request, response) and (timeout := page_timeout()) > 0:
            entry = {
                "body": _marked(request, response.content.decode(response.charset)),
                "type": response["Content-Type"],
            }
            if settings.GZIP_RESPONSES:  # compressed once here, not on every hit (hurtrock/compression.py)
                lengths = {CSRF_MARK: CSRF_TOKEN_LENGTH}
                if NONCE_MARK in entry["body"]:
                    lengths[NONCE_MARK] = len(str(request._csp_nonce))
                entry["gz"] = pieces_compress(entry["body"], lengths, response.charset)
            cache.set(key, entry, timeout=timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def _store_personal(self, request, response, key):
        """A signed-in buyer's miss: they get their page; the cache gets it without their parts."""
        if response.streaming or not response.get("Content-Type", "").startswith(_CACHEABLE_TYPES):
            return response
        live, stored, switches = personal.split(request, response.content.decode(response.charset))
        response.content = live.encode(response.charset)
        if _storable(request, response) and (timeout := page_timeout()) > 0:
            switches = {k: [_marked(request, off), _marked(request, on)] for k, (off, on) in switches.items()}
            entry = {"body": _marked(request, stored), "type": response["Content-Type"], "switches": switches}
            cache.set(key, entry, timeout=timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view, args, kwargs):
        visitor = _visitor(request)
        if visitor is None:
            return None
        version = page_cache_version()
        key = _key(request, visitor, version)
        entry = cache.get(key)
        if entry is None:
            request._page_cache_key = key
            if visitor == "u":
                personal.record_start(request)
            return None
        body, values = entry["body"], {}
        if visitor == "u":  # their own parts filled in: compressed whole by CompressionMiddleware
            buyer_key = _buyer_key(request, version)
            stored = _buyer_data(request, buyer_key)
            known, kept = _buyer_context(stored), dict(stored["kept"])
            body = personal.fill(request, body, entry.get("switches", {}), known, kept, mark=_marked)
            if kept != stored["kept"]:
                _buyer_data_keep(buyer_key, stored, kept)
        if CSRF_MARK in body:
            values[CSRF_MARK] = get_token(request)  # this visitor's token (and cookie)
            body = body.replace(CSRF_MARK, values[CSRF_MARK])
        if NONCE_MARK in body:
            values[NONCE_MARK] = str(request._csp_nonce)
            body = body.replace(NONCE_MARK, values[NONCE_MARK])
        response = HttpResponse(body, content_type=entry["type"])
        if "gz" in entry and accepts_gzip(request):
            gzipped = pieces_join(entry["gz"], values, response.content, response.charset)
            if gzipped is not None:  # else CompressionMiddleware compresses the page whole
                gzip_response(response, gzipped)
        response["X-Page-Cache"] = "hit"
        return response
