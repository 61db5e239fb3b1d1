"""Supplier prices (inventory.SupplierProduct): saving one, and choosing a product's preferred supplier.

At most one row per product is preferred (a partial unique constraint in the database). Saving a
row as preferred first clears the flag on the product's other rows, under a lock on the product,
so switching the preferred supplier is one step and two staff doing it at once cannot both win.
"""

from django.db import transaction

from catalog.models import Product
from inventory.models import SupplierProduct


@transaction.atomic
def supplier_price_save(*, supplier_product: SupplierProduct) -> SupplierProduct:
    """Create or update a supplier price; when it is preferred, the product's other rows stop being."""
    if supplier_product.is_preferred:
        Product.objects.select_for_update().filter(pk=supplier_product.product_id).first()
        SupplierProduct.objects.filter(product_id=supplier_product.product_id, is_preferred=True).exclude(
            pk=supplier_product.pk
        ).update(is_preferred=False)
    supplier_product.save()
    return supplier_product


@transaction.atomic
def supplier_price_make_preferred(*, supplier_product: SupplierProduct) -> SupplierProduct:
    supplier_product.is_preferred = True
    return supplier_price_save(supplier_product=supplier_product)
