"""JSON shapes of products (autocomplete, the product API, the chat's product cards)."""

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


def product_suggestion_json(product: Product) -> dict:
    """One autocomplete entry; `product` comes from product_suggestions (thumbnail file name annotated)."""
    name = getattr(product, "main_thumbnail", None)
    return {
        "id": product.pk,
        "name": product.name,
        "brand": product.brand,
        **_price_json(product),
        "thumbnail": ProductImage._meta.get_field("thumbnail").storage.url(name) if name else None,
        "url": product.get_absolute_url(),
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
