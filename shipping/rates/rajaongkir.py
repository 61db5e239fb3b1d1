"""RajaOngkir (Komerce API v2) live rates over plain HTTP with a short timeout.

- `GET  {base}/destination/domestic-destination?search=<city>&limit=5` → ids of places;
- `POST {base}/calculate/domestic-cost` (form: origin, destination, weight in grams,
  courier=jne:jnt:sicepat:pos, price=lowest) → one row per courier service with cost and etd.
Authentication is the `key` header. Place ids are looked up by city name once and cached.
"""

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request

from django.core.cache import cache

from shipping.errors import RateProviderError
from shipping.models import Courier, Destination
from shipping.rates import LiveRate

logger = logging.getLogger(__name__)

ID_CACHE_SECONDS = 24 * 3600
RATE_CACHE_SECONDS = 10 * 60
COURIERS = ":".join(Courier.values)


def _days(etd: str) -> tuple[int | None, int | None]:
    """ "1-2 day" → (1, 2), "3 HARI" → (3, 3), "" → (None, None)."""
    numbers = [int(n) for n in re.findall(r"\d+", etd or "")]
    if not numbers:
        return None, None
    return min(numbers), max(numbers)


def _normalised_city(name: str) -> str:
    return re.sub(r"^(kota|kabupaten|kab\.?)\s+", "", name.strip(), flags=re.IGNORECASE)


class RajaOngkirProvider:
    def __init__(self, *, api_key: str, base_url: str, timeout: float = 4, origin_id: str = ""):
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.origin_id = origin_id

    # --- HTTP -------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, query: dict | None = None, form: dict | None = None) -> dict:
        url = f"{self.base_url}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        if not url.startswith(("http://", "https://")):
            raise RateProviderError("RAJAONGKIR_API_BASE must be an http(s) URL")
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(  # noqa: S310  (scheme checked above)
            url,
            data=data,
            method=method,
            headers={"key": self.api_key, "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            # Never log the key: the message holds only the path and the error.
            raise RateProviderError(f"{method} {path}: {exc}") from exc
        meta = body.get("meta", {}) if isinstance(body, dict) else {}
        if not isinstance(body, dict) or meta.get("code", 200) != 200 or "data" not in body:
            raise RateProviderError(f"{method} {path}: unexpected answer {meta!r}")
        return body

    # --- place ids ----------------------------------------------------------------------------
    def place_id(self, city: str) -> str:
        """The API's id for a city name (cached a day)."""
        name = _normalised_city(city)
        cache_key = f"rajaongkir:place:{name.lower()}"
        place = cache.get(cache_key)
        if place:
            return place
        body = self._request("GET", "/destination/domestic-destination", query={"search": name, "limit": 5})
        rows = body["data"] or []
        if not rows:
            raise RateProviderError(f"no place found for {name!r}")
        exact = [r for r in rows if str(r.get("city_name", "")).lower().endswith(name.lower())]
        place = str((exact or rows)[0]["id"])
        cache.set(cache_key, place, ID_CACHE_SECONDS)
        return place

    def _origin(self) -> str:
        if self.origin_id:
            return self.origin_id
        from hurtrock.selectors import store_profile_get

        return self.place_id(store_profile_get().city or "Bandung")

    # --- rates ---------------------------------------------------------------------------------
    def rates(self, *, destination: Destination, weight_grams: int) -> dict[tuple[str, str], LiveRate]:
        origin = self._origin()
        target = destination.rajaongkir_id or self.place_id(destination.city)
        cache_key = f"rajaongkir:cost:{origin}:{target}:{weight_grams}"
        cached = cache.get(cache_key)
        if cached is not None:
            return cached
        body = self._request(
            "POST",
            "/calculate/domestic-cost",
            form={
                "origin": origin,
                "destination": target,
                "weight": max(int(weight_grams), 1),
                "courier": COURIERS,
                "price": "lowest",
            },
        )
        result: dict[tuple[str, str], LiveRate] = {}
        for row in body["data"] or []:
            try:
                cost = int(row["cost"])
                courier, service = str(row["code"]), str(row["service"])
            except (KeyError, TypeError, ValueError):
                continue
            min_days, max_days = _days(str(row.get("etd", "")))
            result[LiveRate.key(courier, service)] = LiveRate(cost=cost, min_days=min_days, max_days=max_days)
        if not result:
            raise RateProviderError("the API returned no usable rates")
        cache.set(cache_key, result, RATE_CACHE_SECONDS)
        return result
