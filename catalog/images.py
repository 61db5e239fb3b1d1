"""The image pipeline: check an upload is a real, reasonably sized image, then re-encode it.

Why each step:
- size cap before reading: an upload is streamed to a temp file by Django, but decoding a 200 MB file
  would still cost memory and time;
- `Image.open(..., formats=...)` with a short allow-list: Pillow then never hands the bytes to a
  plugin we did not choose (EPS would start Ghostscript);
- pixel cap checked from the header before decoding: a 20000×20000 PNG of zeros is a few kilobytes
  on disk and 1.6 GB in memory (a decompression bomb);
- full decode (`load`) inside the checks: a truncated or corrupt file fails here with a form error,
  not later in a worker;
- re-encoding from pixels only: EXIF (GPS position, camera serial), XMP and comments are dropped;
  orientation is applied first and colour profiles are converted to sRGB, so dropping them does not
  change what the picture looks like;
- WebP when this Pillow can write it, JPEG otherwise; the original bytes are never stored or served.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DISPLAY_SIZE = 1200
THUMBNAIL_SIZE = 400
CATEGORY_SIZE = 800


def max_upload_bytes() -> int:
    return getattr(settings, "CATALOG_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_pixels() -> int:
    return getattr(settings, "CATALOG_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


@dataclass
class ValidatedImage:
    """An upload that passed every check, with its decoded pixels."""

    name: str
    image: Image.Image


@dataclass
class EncodedImage:
    content: bytes
    extension: str
    width: int
    height: int


def _reject(message: str, code: str, name: str, **params):
    raise ValidationError(message, code=code, params={"name": name, **params})


def image_validate(upload) -> ValidatedImage:
    """Open `upload` (a Django UploadedFile or any file with .name/.size) or raise ValidationError."""
    name = getattr(upload, "name", "") or _("the file")
    size = getattr(upload, "size", None)
    if size is not None and size > max_upload_bytes():
        _reject(
            _("The file “%(name)s” is %(size)s; the limit is %(limit)s."),
            "file_too_large",
            name,
            size=filesizeformat(size),
            limit=filesizeformat(max_upload_bytes()),
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ALLOWED_FORMATS)
            width, height = image.size
            if width * height > max_pixels():
                raise Image.DecompressionBombError("over the catalog pixel limit")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _reject(
            _("The image “%(name)s” has too many pixels; the limit is %(limit)s megapixels."),
            "too_many_pixels",
            name,
            limit=max_pixels() // 1_000_000,
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        _reject(
            _("The file “%(name)s” is not an image we can read. Upload a JPEG, PNG, WebP or GIF picture."),
            "not_an_image",
            name,
        )
    if width < 1 or height < 1:
        _reject(_("The image “%(name)s” is empty."), "empty_image", name)
    return ValidatedImage(name=name, image=image)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert to sRGB when the picture carries another colour profile (best effort)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def image_normalise(image: Image.Image) -> Image.Image:
    """Upright, sRGB, RGB or RGBA pixels and nothing else (no EXIF, XMP, ICC or comments)."""
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    pixels = image.convert("RGBA" if has_alpha else "RGB")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    return clean


def webp_supported() -> bool:
    return bool(features.check("webp"))


def image_encode(image: Image.Image, *, max_size: int) -> EncodedImage:
    """Scale down to fit a `max_size` square (never up) and encode as WebP, or JPEG without WebP."""
    resized = image.copy()
    resized.thumbnail((max_size, max_size), Image.Resampling.LANCZOS)
    resized.info = {}
    buffer = io.BytesIO()
    if webp_supported():
        resized.save(buffer, format="WEBP", quality=82, method=4)
        extension = "webp"
    else:
        if resized.mode == "RGBA":
            background = Image.new("RGB", resized.size, (255, 255, 255))
            background.paste(resized, mask=resized.getchannel("A"))
            resized = background
        resized.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    return EncodedImage(content=buffer.getvalue(), extension=extension, width=resized.width, height=resized.height)


@dataclass
class ProductImageVariants:
    display: EncodedImage
    thumbnail: EncodedImage


def product_image_variants(image: Image.Image) -> ProductImageVariants:
    """The display size (detail page) and the thumbnail (cards, autocomplete) of one picture."""
    clean = image_normalise(image)
    return ProductImageVariants(
        display=image_encode(clean, max_size=DISPLAY_SIZE), thumbnail=image_encode(clean, max_size=THUMBNAIL_SIZE)
    )
