"""Product images: store the pipeline's variants, keep exactly one main image, delete unused files."""

import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q
from PIL import Image

from catalog.images import DISPLAY_SIZE, EncodedImage, ValidatedImage, product_image_variants
from catalog.models import Product, ProductImage


def _store(*, product: Product, encoded: EncodedImage, kind: str, stem: str) -> str:
    name = f"products/{product.pk}/{stem}-{kind}.{encoded.extension}"
    return default_storage.save(name, ContentFile(encoded.content))


def product_image_files_store(*, product: Product, image: Image.Image) -> dict:
    """Encode and store both variants; returns the ProductImage field values for them."""
    variants = product_image_variants(image)
    stem = uuid.uuid4().hex[:16]
    return {
        "display": _store(product=product, encoded=variants.display, kind="display", stem=stem),
        "thumbnail": _store(product=product, encoded=variants.thumbnail, kind="thumb", stem=stem),
        "width": variants.display.width,
        "height": variants.display.height,
        "thumbnail_width": variants.thumbnail.width,
    }


def _files_delete_when_unused(names: list[str]) -> None:
    """Delete files no image row points at any more (sample data shares files between products)."""
    for name in names:
        if name and not ProductImage.objects.filter(Q(display=name) | Q(thumbnail=name)).exists():
            default_storage.delete(name)


@transaction.atomic
def product_image_add(
    *,
    product: Product,
    image: ValidatedImage | Image.Image,
    alt_text: str = "",
    sort_order: int | None = None,
    make_main: bool | None = None,
) -> ProductImage:
    """Add a picture to a product. `make_main=None`: it becomes the main picture when there is none."""
    if isinstance(image, ValidatedImage):
        try:  # decoded here, freed before the next picture of the request is decoded
            files = product_image_files_store(product=product, image=image.decoded(DISPLAY_SIZE))
        finally:
            image.close()
    else:
        files = product_image_files_store(product=product, image=image)
    try:
        if sort_order is None:
            sort_order = (product.images.aggregate(top=Max("sort_order"))["top"] or 0) + 1
        if make_main is None:
            make_main = not product.images.filter(is_main=True).exists()
        elif make_main:
            product.images.filter(is_main=True).update(is_main=False)
        return ProductImage.objects.create(
            product=product, alt_text=alt_text, sort_order=sort_order, is_main=make_main, **files
        )
    except Exception:
        _files_delete_when_unused([files["display"], files["thumbnail"]])
        raise


@transaction.atomic
def product_image_delete(*, image: ProductImage, promote_next: bool = True) -> None:
    """Delete one picture; when it was the main one the next picture in order takes its place."""
    names = [image.display.name, image.thumbnail.name]
    product_id, was_main = image.product_id, image.is_main
    image.delete()
    if was_main and promote_next:
        _main_ensure(product_id=product_id)
    transaction.on_commit(lambda: _files_delete_when_unused(names))


def _main_ensure(*, product_id: int, preferred: ProductImage | None = None) -> None:
    candidate = preferred or ProductImage.objects.filter(product_id=product_id).order_by("sort_order", "id").first()
    if candidate is not None:
        ProductImage.objects.filter(pk=candidate.pk).update(is_main=True)


@dataclass
class ImageEdit:
    """One row of the admin's image inline, or one file of the multi-upload (`image` is None)."""

    image: ProductImage | None = None
    upload: ValidatedImage | None = None
    alt_text: str = ""
    sort_order: int | None = None
    is_main: bool = False
    delete: bool = False


@dataclass
class ImageEditResult:
    added: list[ProductImage]
    changed: list[ProductImage]
    deleted: list[ProductImage]


@transaction.atomic
def product_images_save_from_admin(*, product: Product, edits: list[ImageEdit]) -> ImageEditResult:
    """Apply the image inline and the multi-upload of one admin save in one transaction.

    The main image is the row ticked as main; else the previous main if it survives; else the first
    picture in order. All rows are un-marked first so the "one main image" constraint never trips
    half-way.
    """
    result = ImageEditResult(added=[], changed=[], deleted=[])
    previous_main = product.images.filter(is_main=True).first()
    deleted_ids = set()
    for edit in edits:
        if edit.delete and edit.image is not None:
            deleted_ids.add(edit.image.pk)  # before delete(), which sets pk to None
            product_image_delete(image=edit.image, promote_next=False)
            result.deleted.append(edit.image)
    product.images.filter(is_main=True).update(is_main=False)

    chosen = None
    for edit in edits:
        if edit.delete:
            continue
        if edit.image is not None:
            edit.image.alt_text = edit.alt_text
            edit.image.sort_order = edit.sort_order or 0
            edit.image.is_main = False
            edit.image.save(update_fields=["alt_text", "sort_order", "is_main"])
            result.changed.append(edit.image)
            target = edit.image
        elif edit.upload is not None:
            target = product_image_add(
                product=product,
                image=edit.upload,
                alt_text=edit.alt_text,
                sort_order=edit.sort_order,
                make_main=False,
            )
            result.added.append(target)
        else:
            continue
        if edit.is_main and chosen is None:
            chosen = target
    if chosen is None and previous_main is not None and previous_main.pk not in deleted_ids:
        chosen = previous_main
    _main_ensure(product_id=product.pk, preferred=chosen)
    return result
