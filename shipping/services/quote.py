"""Shipping quotes: chargeable weight, table rates and (when configured) live rates.

All weights are handled in whole grams and money in whole rupiah, so no float ever decides a price.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from shipping.errors import MissingDimensions, RateProviderError, ShippingError, UnknownDestination
from shipping.models import Destination, ShippingService
from shipping.rates import LiveRate, rate_provider_get

logger = logging.getLogger(__name__)

Lines = Iterable[tuple[object, int]]
# Each full 1 000 km adds a day to the courier's window (islands beyond Java take longer).
KM_PER_EXTRA_DAY = 1000
# The express-parcel volumetric divisor: used to validate products and to weigh the parcel for live
# rates (each service's own divisor applies to its table price).
EXPRESS_VOLUMETRIC_DIVISOR = 6000


@dataclass(frozen=True)
class ShippingQuote:
    service: ShippingService
    cost: int
    chargeable_kg: int
    min_days: int
    max_days: int
    is_live: bool = False


def _unit_chargeable_grams(product, divisor: int) -> int:
    """max(actual weight, L × W × H ÷ divisor) for one unit, in whole grams (volumetric rounded up)."""
    dims = (product.length_cm, product.width_cm, product.height_cm)
    if not product.weight_grams or any(d is None or Decimal(d) <= 0 for d in dims):
        raise MissingDimensions(product)
    volume_cm3 = Decimal(dims[0]) * Decimal(dims[1]) * Decimal(dims[2])
    volumetric = (volume_cm3 * 1000 / Decimal(divisor)).to_integral_value(rounding=ROUND_CEILING)
    return max(int(product.weight_grams), int(volumetric))


def chargeable_grams(*, lines: Lines, divisor: int) -> int:
    """The parcel's chargeable weight before rounding: per line the larger of actual and volumetric
    weight, times the quantity, summed over the lines."""
    total = 0
    for product, quantity in lines:
        total += _unit_chargeable_grams(product, divisor) * int(quantity)
    return total


def chargeable_kg(*, grams: int, tolerance_grams: int) -> int:
    """Whole kg as couriers bill them: a remainder up to the tolerance is dropped, more rounds up;
    at least 1 kg. With JNE's 300 g tolerance, 1 300 g → 1 kg and 1 310 g → 2 kg."""
    kg, remainder = divmod(grams, 1000)
    if remainder > tolerance_grams:
        kg += 1
    return max(kg, 1)


def _delivery_window(service: ShippingService, destination: Destination) -> tuple[int, int]:
    extra = destination.distance_km // KM_PER_EXTRA_DAY
    return service.min_days + extra, service.max_days + extra


def _table_quote(*, lines: list, destination: Destination, service: ShippingService) -> ShippingQuote:
    grams = chargeable_grams(lines=lines, divisor=service.volumetric_divisor)
    kg = chargeable_kg(grams=grams, tolerance_grams=service.rounding_tolerance_grams)
    cost = (
        Decimal(service.base_price)
        + Decimal(service.price_per_kg) * kg
        + Decimal(service.price_per_km) * destination.distance_km
    ).to_integral_value(rounding=ROUND_HALF_UP)
    min_days, max_days = _delivery_window(service, destination)
    return ShippingQuote(service=service, cost=int(cost), chargeable_kg=kg, min_days=min_days, max_days=max_days)


def _checked(lines: Lines, destination) -> list:
    if destination is None or not isinstance(destination, Destination) or not destination.is_active:
        raise UnknownDestination()
    lines = [(product, int(quantity)) for product, quantity in lines]
    # Check every product first, so the error names a product even for an empty service table.
    for product, _quantity in lines:
        _unit_chargeable_grams(product, EXPRESS_VOLUMETRIC_DIVISOR)
    return lines


def _with_live(quote: ShippingQuote, live: LiveRate | None) -> ShippingQuote:
    if live is None:
        return quote
    return ShippingQuote(
        service=quote.service,
        cost=live.cost,
        chargeable_kg=quote.chargeable_kg,
        min_days=live.min_days if live.min_days is not None else quote.min_days,
        max_days=live.max_days if live.max_days is not None else quote.max_days,
        is_live=True,
    )


def _live_rates(*, lines: list, destination: Destination) -> dict:
    """Live rates keyed by (courier, normalised service code), or {} when not configured or failing."""
    provider = rate_provider_get()
    if provider is None:
        return {}
    grams = chargeable_grams(lines=lines, divisor=EXPRESS_VOLUMETRIC_DIVISOR)
    try:
        return provider.rates(destination=destination, weight_grams=grams)
    except RateProviderError as exc:
        logger.warning("live shipping rates unavailable, using table rates: %s", exc)
        return {}


def shipping_quote(*, lines: Lines, destination: Destination | None) -> list[ShippingQuote]:
    """One quote per active service, cheapest first (then fastest).

    `lines` are (catalog Product, quantity) pairs, from a cart or an order. Raises MissingDimensions
    for a product without weight or dimensions and UnknownDestination for a missing or inactive
    destination. With a RajaOngkir key configured, live prices replace the table prices for the
    services the API answers for; any API failure falls back to the table.
    """
    from shipping.selectors import services_active

    lines = _checked(lines, destination)
    live = _live_rates(lines=lines, destination=destination)
    quotes = [
        _with_live(
            _table_quote(lines=lines, destination=destination, service=service),
            live.get(LiveRate.key(service.courier, service.code))
            or live.get(LiveRate.key(service.courier, service.name)),
        )
        for service in services_active()
    ]
    return sorted(quotes, key=lambda q: (q.cost, q.max_days, q.service.sort_order, q.service.pk))


def shipping_quote_for_service(
    *, lines: Lines, destination: Destination | None, service: ShippingService
) -> ShippingQuote:
    """The quote of one service (checkout recomputes the chosen one on the server before placing)."""
    if service.is_active:
        for quote in shipping_quote(lines=lines, destination=destination):
            if quote.service.pk == service.pk:
                return quote
    raise ShippingError(gettext("%(service)s is not available.") % {"service": service.label})
