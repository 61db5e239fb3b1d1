"""The catalog's per-buyer switches on cached pages (see `hurtrock/personal.py`): each names the
context variable its piece reads, and how a hit finds this buyer's value."""

from hurtrock.personal import switch_register


def _in_wishlist(context, arg: str) -> bool:
    return int(arg) in context["wishlist_ids"]  # the context processor's one query, shared with the navbar


def _waits_for_stock(context, arg: str) -> bool:
    return context["user"].stock_alerts.filter(product_id=int(arg), notified_at__isnull=True).exists()


def _can_review(context, arg: str) -> bool:
    from catalog.models import Product
    from catalog.services.reviews import review_can_write

    product = Product.objects.filter(pk=int(arg)).only("pk", "parent_id").first()
    return product is not None and review_can_write(product=product, user=context["user"])


def register() -> None:
    switch_register(
        "wishlist",
        override=lambda on, arg: {"wishlist_ids": frozenset({int(arg)}) if on else frozenset()},
        resolve=_in_wishlist,
    )
    switch_register("stock_alert", override=lambda on, arg: {"stock_alert": on}, resolve=_waits_for_stock, kept=True)
    switch_register("can_review", override=lambda on, arg: {"can_review": on}, resolve=_can_review, kept=True)
