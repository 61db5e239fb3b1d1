"""Reads of shipping: which destination a buyer's address means, services on offer."""

import functools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from shipping.models import Destination, ShippingService

# Tokens, not rows (`_snapshot`); new names, so that rows an older release left in the cache are
# never taken for a token.
DESTINATIONS_CACHE_KEY = "shipping:destinations-token"
SERVICES_CACHE_KEY = "shipping:services-token"

_CITY_PREFIX = re.compile(r"^(kota\s+administrasi|kota\s+adm\.?|kota|kabupaten|kab\.?)\s+")
_PROVINCE_PREFIX = re.compile(r"^(provinsi|prov\.?|daerah\s+khusus\s+ibu\s*kota|daerah\s+istimewa|dki|d\.\s*i\.|di)\s+")


@dataclass
class _Snapshot:
    """A small table's active rows as one process holds them, with what is derived from them."""

    token: str
    rows: list
    derived: dict = field(default_factory=dict)

    def get(self, name: str, build: Callable[[list], object]):
        """`build(rows)` once per snapshot (the sorted rows, an index by id, the optgroups)."""
        if name not in self.derived:
            self.derived[name] = build(self.rows)
        return self.derived[name]


_snapshots: dict[str, _Snapshot] = {}


def _snapshot(key: str, rows_read: Callable[[], list]) -> _Snapshot:
    """A small table's active rows, held in this process while the shared cache holds the same
    token under `key` (SHIPPING_CACHE_SECONDS; 0: read every time).

    Any committed write to the table deletes the token (the clear functions below, registered in
    hurtrock.apps on the page cache's write hook), and a new token is never an old one, so every
    process reads the table again on its next use. The token is read before the rows, so a write
    that commits while a process reads them leaves that process holding a token already gone.
    Holding the rows, not unpickling them from the cache, is the point: a checkout submit asks for
    the delivery areas three times, each time about a hundred model instances."""
    seconds = settings.SHIPPING_CACHE_SECONDS
    if not seconds:
        return _Snapshot("", rows_read())
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(key, token, seconds):  # another process set one first
            token = cache.get(key) or token
    held = _snapshots.get(key)
    if held is not None and held.token == token:
        return held  # the token expires after SHIPPING_CACHE_SECONDS: so do the rows it stands for
    snapshot = _snapshots[key] = _Snapshot(token, rows_read())
    return snapshot


def _destinations() -> _Snapshot:
    return _snapshot(
        DESTINATIONS_CACHE_KEY, lambda: list(Destination.objects.filter(is_active=True).order_by("province", "city"))
    )


def destinations_active() -> list[Destination]:
    """The active delivery areas, by province and city (about a hundred rows; cached). The list
    and its rows are shared by every request of the process: read them, never change them."""
    return _destinations().rows


def destinations_cache_clear() -> None:
    cache.delete(DESTINATIONS_CACHE_KEY)


def destination_active_get(pk) -> Destination | None:
    """The active destination with this id (a buyer's pick from the list), or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return _destinations().get("by_id", lambda rows: {d.pk: d for d in rows}).get(pk)


@functools.lru_cache(maxsize=1024)
def _key(name: str, prefix: re.Pattern) -> str:
    """Lower case, single spaces, administrative prefix removed: "KAB.  Garut" → "garut"."""
    cleaned = " ".join((name or "").lower().split())
    return prefix.sub("", cleaned).strip()


def destination_for(*, city: str, province: str = "") -> Destination | None:
    """The active destination for an address, or None when nothing fits.

    Case-insensitive; "Kota Bandung", "Kab. Bandung", "Kabupaten Bandung" and "BANDUNG" all mean
    Bandung, and "DKI Jakarta"/"Jakarta", "DI Yogyakarta"/"Yogyakarta" are one province. Tried in
    order: the city in the given province; the city anywhere (capital first); a listed city that
    starts with the name ("Jakarta" → "Jakarta Pusat"); the capital of the given province, because
    a parcel to a town that is not listed costs about what it costs to its provincial capital.
    """
    city_key = _key(city, _CITY_PREFIX)
    province_key = _key(province, _PROVINCE_PREFIX)
    if not city_key and not province_key:
        return None
    # About a hundred rows: matching in Python keeps the rules readable (and the rows are cached).
    keyed = _destinations().get("keyed", _keyed)
    rows = [d for d, _province, _city in keyed]
    in_province = [d for d, key, _city in keyed if province_key and key == province_key]
    same_city = [d for d, _province, key in keyed if city_key and key == city_key]
    for candidates in (
        [d for d in same_city if d in in_province],
        same_city if not in_province else [],
        [d for d in (in_province or rows) if city_key and d.city.lower().startswith(city_key + " ")],
        [d for d in in_province if d.is_capital],
        same_city,
    ):
        if candidates:
            return candidates[0]
    return None


def _keyed(rows: list[Destination]) -> list[tuple[Destination, str, str]]:
    """Capitals first, each with its province's and city's keys (once per snapshot)."""
    ordered = sorted(rows, key=lambda d: (not d.is_capital, d.province, d.city))
    return [(d, _key(d.province, _PROVINCE_PREFIX), _key(d.city, _CITY_PREFIX)) for d in ordered]


def destinations_for_select() -> list[tuple[str, list[tuple[int, str]]]]:
    """Active destinations grouped for a <select> with optgroups: [(province, [(id, city), ...]), ...]."""
    return _destinations().get("optgroups", _optgroups)


def _optgroups(rows: list[Destination]) -> list[tuple[str, list[tuple[int, str]]]]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for destination in rows:
        groups.setdefault(destination.province, []).append((destination.pk, destination.city))
    return list(groups.items())


def services_active() -> list[ShippingService]:
    """The services on offer, in the shop's order (a handful of rows; cached: a checkout submit
    quotes twice, for the page and for `order_place`)."""
    return _snapshot(
        SERVICES_CACHE_KEY,
        lambda: list(ShippingService.objects.filter(is_active=True).order_by("sort_order", "courier", "code")),
    ).rows


def services_cache_clear() -> None:
    cache.delete(SERVICES_CACHE_KEY)
