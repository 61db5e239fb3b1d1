"""The flash-sale quota: taken with one conditional UPDATE, so a race can never sell more units at
the flash price than the quota (PostgreSQL re-checks the WHERE on the row it locks)."""

from datetime import datetime

from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from catalog.models import Product


def flash_quota_take(*, product_id: int, quantity: int, flash_price: int, now: datetime | None = None) -> bool:
    """Take `quantity` units of the running flash sale at `flash_price`; False when they are not there
    (quota used up, the sale ended or its price changed). Call inside the order's transaction."""
    now = now or timezone.now()
    return bool(
        Product.objects.filter(
            Q(flash_ends_at__isnull=True) | Q(flash_ends_at__gt=now),
            pk=product_id,
            flash_price=flash_price,
            flash_starts_at__lte=now,
            flash_units_sold__lte=F("flash_quota") - quantity,
        ).update(flash_units_sold=F("flash_units_sold") + quantity)
    )


def flash_quota_give_back(*, product_id: int, quantity: int, flash_starts_at: datetime) -> bool:
    """Give units back to the flash sale they were taken from (not to a later one with another start)."""
    return bool(
        Product.objects.filter(pk=product_id, flash_starts_at=flash_starts_at).update(
            flash_units_sold=Greatest(F("flash_units_sold") - quantity, 0)
        )
    )


def flash_quota_take_again(*, product_id: int, quantity: int, flash_starts_at: datetime) -> None:
    """An expired order paid after all: its units count again (up to the quota; the buyer has paid)."""
    from django.db.models.functions import Coalesce, Least

    grown = F("flash_units_sold") + quantity
    Product.objects.filter(pk=product_id, flash_starts_at=flash_starts_at).update(
        flash_units_sold=Least(grown, Coalesce(F("flash_quota"), grown))
    )
