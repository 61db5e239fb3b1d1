"""Reads of products for the storefront, the API and other apps.

Every list selector prefetches the main image in one extra query, so a page costs the same number
of queries whatever the number of products on it.
"""

import functools

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from catalog.models import Product, ProductImage
from catalog.selectors.categories import category_visible_subquery


def main_image_prefetch() -> Prefetch:
    return Prefetch("images", queryset=ProductImage.objects.filter(is_main=True), to_attr="prefetched_main_images")


def product_visible_queryset() -> QuerySet[Product]:
    """THE visibility rule: the products a shopper may see, find, put in a cart and buy.

    A product is visible when it is active, its category and every category up the tree are
    active, and, for a variant, its family's parent is active (switching a family off hides all of
    it). The list, search, autocomplete, detail page, API, cart, cart badge and checkout all start
    from this queryset; nothing else decides it.
    """
    return _visible_rule().all()


@functools.cache
def _visible_rule() -> QuerySet[Product]:
    """The rule's queryset, built once per process and only ever handed out as a copy (`.all()`),
    never evaluated itself: building its subqueries cost ~2.5 ms on every cart add and badge."""
    inactive_parents = Product.objects.filter(is_active=False).values("pk")
    return Product.objects.filter(
        Q(parent_id__isnull=True) | ~Q(parent_id__in=inactive_parents),
        is_active=True,
        category_id__in=category_visible_subquery(),
    )


def product_is_visible(*, product_id: int) -> bool:
    """Whether one product may be shown and sold (the rule of `product_visible_queryset`)."""
    return product_visible_queryset().filter(pk=product_id).exists()


def product_list_queryset() -> QuerySet[Product]:
    """The shop's list: active top-level products (variants are reached from their parent's page)."""
    return (
        product_visible_queryset()
        .filter(parent__isnull=True)
        .prefetch_related(main_image_prefetch(), family_prefetch())
    )


def family_prefetch() -> Prefetch:
    """The visible children of each listed product, cheapest first (one query for a whole page);
    cards read them through catalog.selectors.variants.family_summary."""
    return Prefetch(
        "variants", queryset=product_visible_queryset().order_by("price", "id"), to_attr="prefetched_variants"
    )


def product_featured_list(*, limit: int = 8) -> list[Product]:
    return list(product_list_queryset().filter(is_featured=True).order_by("-units_sold", "-id")[:limit])


def product_new_arrivals(*, limit: int = 8) -> list[Product]:
    return list(product_list_queryset().order_by("-created_at", "-id")[:limit])


def product_flash_sale_list(*, limit: int = 8) -> list[Product]:
    """Products in a running flash sale with quota left, ending soonest first (the home page strip)."""
    now = timezone.now()
    return list(
        product_list_queryset()
        .filter(
            Q(flash_ends_at__isnull=True) | Q(flash_ends_at__gt=now),
            flash_price__isnull=False,
            flash_price__lt=F("price"),
            flash_starts_at__lte=now,
            flash_units_sold__lt=F("flash_quota"),
        )
        .order_by(F("flash_ends_at").asc(nulls_last=True), "-id")[:limit]
    )


def product_brand_list() -> list[str]:
    """Distinct brands of visible products, alphabetical (the brand filter)."""
    return list(
        product_visible_queryset()
        .filter(parent__isnull=True)
        .order_by("brand")
        .values_list("brand", flat=True)
        .distinct()
    )


def product_get_for_detail(*, pk: int) -> Product:
    """One visible product with its category, parent and gallery (raises Product.DoesNotExist)."""
    gallery = Prefetch("images", queryset=ProductImage.objects.order_by("-is_main", "sort_order", "id"))
    return product_visible_queryset().select_related("category", "parent").prefetch_related(gallery).get(pk=pk)


def product_variants(*, product: Product) -> list[Product]:
    """The other purchasable versions of this product (its parent's family), in one query."""
    root_id = product.parent_id or product.pk
    family = product_visible_queryset().filter(parent_id=root_id) | product_visible_queryset().filter(pk=root_id)
    return list(family.order_by("price", "id"))


def product_related(*, product: Product, limit: int = 4) -> list[Product]:
    """Popular products of the same category (two queries: the products and their main images)."""
    return list(
        product_list_queryset()
        .filter(category_id=product.category_id)
        .exclude(pk=product.pk)
        .exclude(pk=product.parent_id or 0)
        .order_by("-is_featured", "-units_sold", "-id")[:limit]
    )
