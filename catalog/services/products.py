"""Writing products from the back office (admin form, list editing, import, bulk actions)."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from catalog.models import Product

# Stock belongs to the stock ledger (inventory app) and the sales counter to the orders app: the
# back office never writes them, so a save based on a stale copy cannot undo a sale or a restock.
LEDGER_OWNED_FIELDS = ("stock_quantity",)
COUNTER_FIELDS = ("units_sold", "flash_units_sold", "rating_count", "rating_total")
_NEVER_UPDATED = {"id", "created_at", *LEDGER_OWNED_FIELDS, *COUNTER_FIELDS}


def product_slug(name: str) -> str:
    return slugify(name)[:220].strip("-") or "product"


def product_updatable_fields() -> list[str]:
    return [f.name for f in Product._meta.concrete_fields if f.name not in _NEVER_UPDATED]


@transaction.atomic
def product_save(*, product: Product) -> Product:
    """Insert or update a product edited in the back office.

    A new product starts with no stock and no sales: stock arrives through the ledger (a restock or an
    adjustment). An update writes every column except stock and the sales counter, so two staff
    members editing prices never race an order reserving stock.
    """
    if not product.slug:
        product.slug = product_slug(product.name)
    if product._state.adding:
        product.stock_quantity = 0
        product.units_sold = 0
        product.save()
    else:
        from catalog.services.wishlist import price_drop_check

        old_price, previous_flash_start = Product.objects.filter(pk=product.pk).values_list(
            "price", "flash_starts_at"
        ).first() or (None, None)
        product.save(update_fields=product_updatable_fields())
        if previous_flash_start != product.flash_starts_at:
            # A new flash sale (another start) starts with its whole quota.
            Product.objects.filter(pk=product.pk).update(flash_units_sold=0)
            product.flash_units_sold = 0
        if old_price is not None:
            price_drop_check(product=product, old_price=old_price)
    if product.parent_id:
        from catalog.services.variants import variant_family_price_sync

        variant_family_price_sync(parent_id=product.parent_id)
    return product


@transaction.atomic
def product_delete(*, product: Product) -> None:
    """Delete a product and, after commit, the image files nobody else uses."""
    from catalog.services.images import product_image_delete

    for image in list(product.images.all()):
        product_image_delete(image=image, promote_next=False)
    product.delete()


def products_set_featured(*, products: QuerySet[Product], featured: bool) -> int:
    """Bulk feature/unfeature: one UPDATE of one column."""
    return products.update(is_featured=featured)


def products_set_active(*, products: QuerySet[Product], active: bool) -> int:
    """Bulk activate/deactivate: one UPDATE of one column (inactive products leave the shop)."""
    return products.update(is_active=active)
