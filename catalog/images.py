"""The catalog's name for the shared image pipeline (`hurtrock.images`): kept so imports keep working."""

from hurtrock.images import (  # noqa: F401
    ALLOWED_FORMATS,
    CATEGORY_SIZE,
    DISPLAY_SIZE,
    THUMBNAIL_SIZE,
    EncodedImage,
    ProductImageVariants,
    ValidatedImage,
    image_encode,
    image_normalise,
    image_reencode,
    image_validate,
    images_check_request_total,
    max_pixels,
    max_upload_bytes,
    product_image_variants,
    webp_supported,
)
