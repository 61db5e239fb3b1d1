"""Reads of shipping: which destination a buyer's address means, services on offer."""

import functools
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from shipping.models import Destination, ShippingService

DESTINATIONS_CACHE_KEY = "shipping:destinations-active"
SERVICES_CACHE_KEY = "shipping:services-active"

_CITY_PREFIX = re.compile(r"^(kota\s+administrasi|kota\s+adm\.?|kota|kabupaten|kab\.?)\s+")
_PROVINCE_PREFIX = re.compile(r"^(provinsi|prov\.?|daerah\s+khusus\s+ibu\s*kota|daerah\s+istimewa|dki|d\.\s*i\.|di)\s+")


def _cached_rows(key: str, rows_read: Callable[[], list]) -> list:
    """A small table's active rows from the cache when it is on (SHIPPING_CACHE_SECONDS); any
    committed write to the table clears its entry (the clear functions below, registered in
    hurtrock.apps on the page cache's write hook)."""
    seconds = settings.SHIPPING_CACHE_SECONDS
    rows = cache.get(key) if seconds else None
    if rows is None:
        rows = rows_read()
        if seconds:
            cache.set(key, rows, seconds)
    return rows


def destinations_active() -> list[Destination]:
    """The active delivery areas, by province and city (about a hundred rows; cached)."""
    return _cached_rows(
        DESTINATIONS_CACHE_KEY, lambda: list(Destination.objects.filter(is_active=True).order_by("province", "city"))
    )


def destinations_cache_clear() -> None:
    cache.delete(DESTINATIONS_CACHE_KEY)


def destination_active_get(pk) -> Destination | None:
    """The active destination with this id (a buyer's pick from the list), or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return next((d for d in destinations_active() if d.pk == pk), None)


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
    rows = sorted(destinations_active(), key=lambda d: (not d.is_capital, d.province, d.city))
    in_province = [d for d in rows if province_key and _key(d.province, _PROVINCE_PREFIX) == province_key]
    same_city = [d for d in rows if city_key and _key(d.city, _CITY_PREFIX) == city_key]
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


def destinations_for_select() -> list[tuple[str, list[tuple[int, str]]]]:
    """Active destinations grouped for a <select> with optgroups: [(province, [(id, city), ...]), ...]."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for destination in destinations_active():
        groups.setdefault(destination.province, []).append((destination.pk, destination.city))
    return list(groups.items())


def services_active() -> list[ShippingService]:
    """The services on offer, in the shop's order (a handful of rows; cached: a checkout submit
    quotes twice, for the page and for `order_place`)."""
    return _cached_rows(
        SERVICES_CACHE_KEY,
        lambda: list(ShippingService.objects.filter(is_active=True).order_by("sort_order", "courier", "code")),
    )


def services_cache_clear() -> None:
    cache.delete(SERVICES_CACHE_KEY)
