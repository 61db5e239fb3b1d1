from django.utils.functional import SimpleLazyObject


def _ids(request) -> frozenset[int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(user.wishlist_items.values_list("product_id", flat=True))


def wishlist(request):
    """`wishlist_ids` (hearts on cards) and `wishlist_count` (navbar): one query, only when read."""
    ids = SimpleLazyObject(lambda: _ids(request))
    return {"wishlist_ids": ids, "wishlist_count": SimpleLazyObject(lambda: len(ids))}
