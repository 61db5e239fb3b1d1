"""JSON shapes of products (autocomplete, the product API, the chat's product cards)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Product, ProductImage
from catalog.pricing import product_price
from hurtrock.templatetags.rupiah import format_rupiah


def _image_json(image: ProductImage) -> dict:
    return {
        "display": image.display.url,
        "thumbnail": image.thumbnail.url,
        "width": image.width,
        "height": image.height,
        "alt": image.alt_text,
        "is_main": image.is_main,
    }


def _price_json(product: Product) -> dict:
    """The price now (catalog.pricing) and, during a sale, the struck-through one and the percentage off."""
    price = product_price(product)
    return {
        "price": price.amount,
        "price_display": format_rupiah(price.amount),
        "regular_price": price.regular,
        "regular_price_display": format_rupiah(price.regular),
        "percent_off": price.percent_off,
        "sale": price.kind if price.is_discounted else None,
    }


def _family_price_json(product: Product) -> dict | None:
    """A family's "from" price (its variants prefetched by product_suggestions), else None."""
    from catalog.selectors.variants import family_summary

    family = family_summary(product)
    if family is None:
        return None
    price = family.from_price
    return {
        "price": price.amount,
        "price_display": _("from %(price)s") % {"price": format_rupiah(price.amount)},
        "regular_price": price.regular,
        "regular_price_display": format_rupiah(price.regular),
        "percent_off": price.percent_off,
        "sale": price.kind if price.is_discounted else None,
    }


def product_suggestion_json(product: Product) -> dict:
    """One autocomplete entry; `product` comes from product_suggestions (thumbnail file name annotated)."""
    name = getattr(product, "main_thumbnail", None)
    return {
        "id": product.pk,
        # A variant matching on its own words is suggested under its family's name (its URL selects it).
        "name": product.parent.name if product.parent_id and product.parent else product.name,
        "brand": product.brand,
        **(_family_price_json(product) or _price_json(product)),
        "thumbnail": ProductImage._meta.get_field("thumbnail").storage.url(name) if name else None,
        "url": product.get_absolute_url(),
    }


SUGGESTED_GROUPS = 2


def suggestions_json(products: list[Product]) -> dict:
    """Autocomplete groups: the products, then the categories and brands they belong to (no query:
    the products come with their category)."""
    categories, brands = {}, {}
    for product in products:
        category = product.category
        categories.setdefault(
            category.pk,
            {
                "name": category.name,
                "url": category.get_absolute_url(),
                "label": _("Category: %(name)s") % {"name": category.name},
            },
        )
        brands.setdefault(
            product.brand.lower(),
            {
                "name": product.brand,
                "url": f"{reverse('catalog:product_list')}?{urlencode({'brand': product.brand})}",
                "label": _("Brand: %(name)s") % {"name": product.brand},
            },
        )
    return {
        "results": [product_suggestion_json(product) for product in products],
        "categories": list(categories.values())[:SUGGESTED_GROUPS],
        "brands": list(brands.values())[:SUGGESTED_GROUPS],
    }


def product_json(product: Product, *, request=None) -> dict:
    """The public view of a product: no supplier, no cost, stock only as a number shoppers see anyway."""
    url = product.get_absolute_url()
    return {
        "id": product.pk,
        "sku": product.sku,
        "name": product.name,
        "slug": product.slug,
        "brand": product.brand,
        "model": product.model_name,
        "description": product.description,
        "specifications": [{"name": key, "value": value} for key, value in product.specifications_pairs],
        **_price_json(product),
        "in_stock": product.is_in_stock,
        "stock_quantity": product.stock_quantity,
        "is_low_stock": product.is_low_stock,
        "category": {"slug": product.category.slug, "name": product.category.name},
        "parent_id": product.parent_id,
        "weight_grams": product.weight_grams,
        "dimensions_cm": {
            "length": float(product.length_cm) if product.length_cm is not None else None,
            "width": float(product.width_cm) if product.width_cm is not None else None,
            "height": float(product.height_cm) if product.height_cm is not None else None,
        },
        "images": [_image_json(image) for image in product.images.all()],
        "url": request.build_absolute_uri(url) if request else url,
    }
