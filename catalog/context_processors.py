from django.utils.functional import SimpleLazyObject


def wishlist_ids_of(user) -> frozenset[int]:
    return frozenset(user.wishlist_items.values_list("product_id", flat=True))


def _ids(request) -> frozenset[int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return frozenset()
    return wishlist_ids_of(user)


def wishlist(request):
    """`wishlist_ids` (hearts on cards) and `wishlist_count` (navbar): one query, only when read."""
    ids = SimpleLazyObject(lambda: _ids(request))
    return {"wishlist_ids": ids, "wishlist_count": SimpleLazyObject(lambda: len(ids))}
