"""What the product page's option picker (static/js/variants.js) reads: one entry per variant."""

from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.pricing import product_price
from catalog.selectors.variants import Family
from hurtrock.templatetags.rupiah import format_rupiah


def family_values(family: Family, variant) -> dict[int, str]:
    """Option id → this variant's value (from the family selector's prefetch)."""
    return {option_id: value.value for option_id, value in family.values_of(variant).items()}


def variant_images(variant, parent) -> list:
    """A variant's own pictures, else the parent's (both prefetched/loaded once)."""
    return list(variant.images.all()) or list(parent.images.all())


def _stock_text(variant) -> str:
    if not variant.is_in_stock:
        return _("Out of stock")
    if variant.is_low_stock:
        return _("Only %(count)s left") % {"count": variant.stock_quantity}
    return _("In stock")


def variant_data(family: Family, *, parent_images: list) -> dict:
    """The JSON for `json_script`: options, then each variant's values, SKU, price, stock, URLs."""
    variants = []
    for variant in family.variants:
        price = product_price(variant)
        values = family_values(family, variant)
        stock = _stock_text(variant)
        label = " / ".join(values.get(option.pk, "") for option in family.options)
        variants.append(
            {
                "id": variant.pk,
                "sku": variant.sku,
                "name": variant.name,
                "values": {str(option_id): value for option_id, value in values.items()},
                "url": variant.get_absolute_url(),
                "add_url": reverse("orders:cart_add", args=[variant.pk]),
                "in_stock": variant.is_in_stock,
                "stock": variant.stock_quantity,
                "stock_text": stock,
                "price_display": format_rupiah(price.amount),
                "announcement": _("%(choice)s selected: %(price)s, %(stock)s.")
                % {"choice": label, "price": format_rupiah(price.amount), "stock": stock},
            }
        )
    return {
        "options": [{"id": option.pk, "name": option.name} for option in family.options],
        "variants": variants,
        "labels": {
            "add": _("Add to cart"),
            "out": _("Out of stock"),
            "out_note": _("out of stock"),
            "missing_note": _("not available"),
        },
    }
