"""The one price function: what a product costs right now, and why.

Everything that shows or charges a price calls `product_price` (cards, the product page, search,
autocomplete, the cart, checkout and `orders.services.order_place`), so a page and the order it
leads to never disagree about the rules. It reads only the product row (no query), so lists keep
their query budgets.

Precedence: a running flash sale with quota left, else a running sale, else the list price. A
promotion never raises the price: a "sale" above the list price is ignored. Windows are half-open
[starts, ends); an empty start means "already running", an empty end "until further notice".
`next_price_change_at` tells a cache how long a rendered price stays true.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone


class PriceKind:
    REGULAR = "regular"
    SALE = "sale"
    FLASH = "flash"


@dataclass(frozen=True)
class Price:
    amount: int  # whole rupiah charged per unit
    regular: int  # the price struck through (compare-at, else the list price)
    kind: str = PriceKind.REGULAR
    ends_at: datetime | None = None  # when this promotion ends (for the countdown)
    flash_left: int = 0  # units left at the flash price

    @property
    def is_discounted(self) -> bool:
        return self.amount < self.regular

    @property
    def percent_off(self) -> int:
        """Whole percent off, rounded down (never claims more than the real saving)."""
        if not self.is_discounted or self.regular <= 0:
            return 0
        return (self.regular - self.amount) * 100 // self.regular

    @property
    def is_flash(self) -> bool:
        return self.kind == PriceKind.FLASH


def _running(starts_at, ends_at, now) -> bool:
    return (starts_at is None or starts_at <= now) and (ends_at is None or now < ends_at)


def flash_sale_running(product, *, now: datetime | None = None) -> bool:
    """A flash sale in its window with quota left (the quota itself is taken in orders' checkout)."""
    now = now or timezone.now()
    return (
        product.flash_price is not None
        and product.flash_starts_at is not None
        and product.flash_price < product.price
        and product.flash_units_sold < (product.flash_quota or 0)
        and _running(product.flash_starts_at, product.flash_ends_at, now)
    )


def sale_running(product, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        product.sale_price is not None
        and product.sale_price < product.price
        and _running(product.sale_starts_at, product.sale_ends_at, now)
    )


def product_price(product, *, now: datetime | None = None) -> Price:
    """What one unit of `product` costs at `now` (default: this instant)."""
    now = now or timezone.now()
    compare_at = product.compare_at_price if (product.compare_at_price or 0) > product.price else None
    if flash_sale_running(product, now=now):
        return Price(
            amount=product.flash_price,
            regular=compare_at or product.price,
            kind=PriceKind.FLASH,
            ends_at=product.flash_ends_at,
            flash_left=(product.flash_quota or 0) - product.flash_units_sold,
        )
    if sale_running(product, now=now):
        return Price(
            amount=product.sale_price,
            regular=compare_at or product.price,
            kind=PriceKind.SALE,
            ends_at=product.sale_ends_at,
        )
    return Price(amount=product.price, regular=compare_at or product.price)


def next_price_change_at(products: Iterable, *, now: datetime | None = None) -> datetime | None:
    """The earliest future start or end of a sale or flash sale among `products` (None: no change
    is scheduled). A cached page showing these prices is good until then (or until a product, or a
    flash quota, changes: those invalidate through the product's own save/update)."""
    now = now or timezone.now()
    moments = []
    for product in products:
        if product.sale_price is not None:
            moments += [product.sale_starts_at, product.sale_ends_at]
        if product.flash_price is not None:
            moments += [product.flash_starts_at, product.flash_ends_at]
    future = [moment for moment in moments if moment is not None and moment > now]
    return min(future, default=None)


def catalog_next_price_change_at(*, now: datetime | None = None) -> datetime | None:
    """The earliest future start or end of any sale or flash sale in the catalog (one query).

    The anonymous page cache (hurtrock/pagecache.py) keeps pages no longer than this, so a sale
    that starts or ends by the clock alone shows on time on every cached page."""
    from django.db.models import Min, Q

    from catalog.models import Product

    now = now or timezone.now()
    fields = ["sale_starts_at", "sale_ends_at", "flash_starts_at", "flash_ends_at"]
    moments = Product.objects.aggregate(**{f: Min(f, filter=Q(**{f"{f}__gt": now})) for f in fields})
    return min((moment for moment in moments.values() if moment is not None), default=None)
