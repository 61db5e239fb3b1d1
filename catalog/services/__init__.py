"""Every state change of the catalog (HackSoft style: keyword-only arguments, one transaction each)."""

from catalog.services.images import (
    product_image_add,
    product_image_delete,
    product_images_save_from_admin,
)
from catalog.services.products import (
    LEDGER_OWNED_FIELDS,
    product_delete,
    product_save,
    products_set_active,
    products_set_featured,
)

__all__ = [
    "LEDGER_OWNED_FIELDS",
    "product_delete",
    "product_image_add",
    "product_image_delete",
    "product_images_save_from_admin",
    "product_save",
    "products_set_active",
    "products_set_featured",
]
