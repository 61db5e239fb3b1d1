"""Sample catalog for development, demos and the benchmark (`manage.py load_sample_data`).

Each step is idempotent: categories by slug, products by SKU (product N is
always the same product, see generate.py; suppliers and their prices are inventory.sample_data), images only for products that have none. Pictures are
drawn once per kind and colour and shared by every product of that kind (10,000 products do not
mean 10,000 image files).
"""

import functools
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef

from catalog.images import (
    CATEGORY_SIZE,
    DISPLAY_SIZE,
    THUMBNAIL_SIZE,
    image_encode,
    image_normalise,
    product_image_variants,
    webp_supported,
)
from catalog.models import Category, Product, ProductImage
from catalog.sample_data.artwork import PALETTES, artwork_draw
from catalog.sample_data.artwork import SIZE as ARTWORK_SIZE
from catalog.sample_data.content import CATEGORIES, ROOT_ARTWORK
from catalog.sample_data.generate import ProductSpec, product_spec, sample_sku
from catalog.services.products import product_slug
from catalog.services.search import search_vocabulary_rebuild

BATCH = 1000
Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


@transaction.atomic
def sample_categories_ensure() -> dict[str, Category]:
    """The category tree of content.CATEGORIES (parents first), created or left as they are."""
    existing = {category.slug: category for category in Category.objects.all()}
    for order, (slug, name, parent_slug, description) in enumerate(CATEGORIES):
        if slug in existing:
            continue
        existing[slug] = Category.objects.create(
            slug=slug,
            name=name,
            parent=existing.get(parent_slug) if parent_slug else None,
            description=description,
            sort_order=order,
        )
    for slug, kind in ROOT_ARTWORK.items():
        category = existing[slug]
        if not category.image:
            encoded = image_encode(image_normalise(artwork_draw(kind, 0)), max_size=CATEGORY_SIZE)
            category.image.save(f"sample-{slug}.{encoded.extension}", ContentFile(encoded.content), save=True)
    return existing


def _product_from_spec(spec: ProductSpec, categories: dict[str, Category]) -> Product:
    return Product(
        sku=spec.sku,
        name=spec.name,
        slug=product_slug(spec.name),
        brand=spec.brand,
        model_name=spec.model_name,
        description=spec.description,
        specifications=spec.specifications,
        price=spec.price,
        # Opening stock is set directly here; a later step may record it in the stock ledger
        # (see sample_products_ensure's return value).
        stock_quantity=spec.stock_quantity,
        low_stock_threshold=spec.low_stock_threshold,
        weight_grams=spec.weight_grams,
        length_cm=spec.length_cm,
        width_cm=spec.width_cm,
        height_cm=spec.height_cm,
        category=categories[spec.category_slug],
        is_featured=spec.is_featured,
        units_sold=spec.units_sold,
    )


def sample_products_ensure(
    *, count: int, categories: dict[str, Category], progress: Progress = _no_progress
) -> list[Product]:
    """Products HR-000001 … HR-<count>; returns the ones created by this call (with their stock)."""
    existing = set(Product.objects.filter(sku__startswith="HR-").values_list("sku", flat=True))
    missing = [number for number in range(1, count + 1) if sample_sku(number) not in existing]
    created: list[Product] = []
    done = count - len(missing)
    progress(done, count)
    for start in range(0, len(missing), BATCH):
        batch = [_product_from_spec(product_spec(number), categories) for number in missing[start : start + BATCH]]
        with transaction.atomic():
            created += Product.objects.bulk_create(batch)
        done += len(batch)
        progress(done, count)
    if missing:
        search_vocabulary_rebuild()  # bulk_create sends no signals: recount the search vocabulary
    return created


@functools.cache
def _artwork_variants(kind: str, palette: int):
    """Drawing and encoding cost ~0.1 s a picture: do it once per process."""
    return product_image_variants(artwork_draw(kind, palette))


def _artwork_files(kind: str, palette: int, cache: dict) -> dict:
    """Stored variants of one drawing, made once and reused by every run while the files exist."""
    key = (kind, palette)
    if key not in cache:
        extension = "webp" if webp_supported() else "jpg"
        stem = f"products/sample/{kind}-{palette}"
        names = {"display": f"{stem}-display.{extension}", "thumbnail": f"{stem}-thumb.{extension}"}
        if not all(default_storage.exists(name) for name in names.values()):
            variants = _artwork_variants(kind, palette)
            for field, encoded in (("display", variants.display), ("thumbnail", variants.thumbnail)):
                if default_storage.exists(names[field]):
                    default_storage.delete(names[field])
                default_storage.save(names[field], ContentFile(encoded.content))
        # Drawings are square and ARTWORK_SIZE wide, so the variant sizes are known without opening them.
        cache[key] = {
            **names,
            "width": min(ARTWORK_SIZE, DISPLAY_SIZE),
            "height": min(ARTWORK_SIZE, DISPLAY_SIZE),
            "thumbnail_width": min(ARTWORK_SIZE, THUMBNAIL_SIZE),
        }
    return cache[key]


def sample_images_ensure(*, progress: Progress = _no_progress) -> int:
    """A main picture for every sample product without one; featured products get two more views."""
    without = Product.objects.filter(sku__startswith="HR-").exclude(
        Exists(ProductImage.objects.filter(product=OuterRef("pk")))
    )
    rows = list(without.values_list("pk", "sku", "name", "is_featured"))
    cache: dict = {}
    total, made = len(rows), 0
    progress(0, total)
    for start in range(0, total, BATCH):
        images = []
        for pk, sku, name, featured in rows[start : start + BATCH]:
            spec = product_spec(int(sku.removeprefix("HR-")))
            palettes = [spec.palette] + ([p for p in range(len(PALETTES)) if p != spec.palette] if featured else [])
            for order, palette in enumerate(palettes, start=1):
                images.append(
                    ProductImage(
                        product_id=pk,
                        alt_text=name if order == 1 else f"{name} ({order})",
                        sort_order=order,
                        is_main=order == 1,
                        **_artwork_files(spec.artwork, palette, cache),
                    )
                )
        with transaction.atomic():
            ProductImage.objects.bulk_create(images)
        made += len(rows[start : start + BATCH])
        progress(made, total)
    return total
