"""Live shipping rates: an adapter interface and the configured provider.

A provider answers `rates(destination=..., weight_grams=...)` with a dict keyed by
`LiveRate.key(courier, service)`; it raises RateProviderError on any failure, and the quote
service then keeps the table rates.
"""

import re
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from shipping.models import Destination


@dataclass(frozen=True)
class LiveRate:
    cost: int
    min_days: int | None = None
    max_days: int | None = None

    @staticmethod
    def key(courier: str, service: str) -> tuple[str, str]:
        """("jne", "REG") and ("JNE", "reg") are one key; "Pos Kilat Khusus" → ("pos", "POSKILATKHUSUS")."""
        return courier.lower(), re.sub(r"[^A-Z0-9]", "", service.upper())


class RateProvider(Protocol):
    def rates(self, *, destination: Destination, weight_grams: int) -> dict[tuple[str, str], LiveRate]: ...


def rate_provider_get() -> RateProvider | None:
    """RajaOngkir when an API key is configured, otherwise no live rates."""
    if not getattr(settings, "RAJAONGKIR_API_KEY", ""):
        return None
    from shipping.rates.rajaongkir import RajaOngkirProvider

    return RajaOngkirProvider(
        api_key=settings.RAJAONGKIR_API_KEY,
        base_url=settings.RAJAONGKIR_API_BASE,
        timeout=settings.RAJAONGKIR_TIMEOUT,
        origin_id=settings.RAJAONGKIR_ORIGIN_ID,
    )
