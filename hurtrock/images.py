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
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_MAX_REQUEST_PIXELS = 250_000_000
DISPLAY_SIZE = 1200
THUMBNAIL_SIZE = 400
CATEGORY_SIZE = 800
LOGO_SIZE = 600
# Modes scaled down straight after decoding (palette pictures are converted to RGB first, later).
SCALABLE_MODES = ("RGB", "RGBA", "L", "LA", "CMYK")


def max_upload_bytes() -> int:
    """IMAGE_UPLOAD_MAX_BYTES (CATALOG_IMAGE_MAX_BYTES, its older name, still wins when set)."""
    return getattr(settings, "CATALOG_IMAGE_MAX_BYTES", None) or getattr(
        settings, "IMAGE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES
    )


def max_pixels() -> int:
    return getattr(settings, "CATALOG_IMAGE_MAX_PIXELS", None) or getattr(
        settings, "IMAGE_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS
    )


def max_request_pixels() -> int:
    return getattr(settings, "IMAGE_UPLOAD_MAX_REQUEST_PIXELS", DEFAULT_MAX_REQUEST_PIXELS)


@dataclass
class ValidatedImage:
    """An upload that passed every check. It holds no decoded pixels: `image` decodes the upload
    again on first use and `close()` frees them, so a request with many pictures keeps at most one
    decoded at a time."""

    name: str
    upload: object
    width: int
    height: int
    _image: Image.Image | None = field(default=None, repr=False)

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def image(self) -> Image.Image:
        """The full-size decoded picture (freed by `close()`)."""
        return self.decoded()

    def decoded(self, max_size: int | None = None) -> Image.Image:
        """The decoded picture; with `max_size`, no larger than needed for a `max_size` square:
        JPEG is decoded at a reduced scale (`draft`) and the rest is scaled down in place, so a
        40 MP photo never costs 120 MB per copy in the steps that follow."""
        if self._image is None:
            self.upload.seek(0)
            image = Image.open(_KeepOpen(self.upload), formats=ALLOWED_FORMATS)
            if max_size:
                image.draft(None, (max_size, max_size))
            image.load()
            if max_size and image.mode in SCALABLE_MODES:
                image.thumbnail((max_size, max_size), Image.Resampling.LANCZOS)
            self._image = image
        return self._image

    def close(self) -> None:
        if self._image is not None:
            self._image.close()
            self._image = None


@dataclass
class EncodedImage:
    content: bytes
    extension: str
    width: int
    height: int


class _KeepOpen:
    """The upload as Pillow sees it: Pillow closes the file with the image, the upload must stay
    open to be decoded again when it is stored."""

    def __init__(self, upload):
        self._upload = upload

    def read(self, *args):
        return self._upload.read(*args)

    def seek(self, *args):
        return self._upload.seek(*args)

    def tell(self):
        return self._upload.tell()

    def close(self):
        return None


def _reject(message: str, code: str, name: str, **params):
    raise ValidationError(message, code=code, params={"name": name, **params})


def image_validate(upload) -> ValidatedImage:
    """Check `upload` (a Django UploadedFile or any file with .name/.size) or raise ValidationError.

    The real type comes from decoding (never the name or the browser's content type); the size is
    checked before reading, the pixel count from the header before decoding, then the whole picture
    is decoded once (truncated or corrupt files fail here) and freed again."""
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
    image = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(_KeepOpen(upload), formats=ALLOWED_FORMATS)
            width, height = image.size
            if width * height > max_pixels():
                raise Image.DecompressionBombError("over the pixel limit")
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
    finally:
        if image is not None:
            image.close()
    if width < 1 or height < 1:
        _reject(_("The image “%(name)s” is empty."), "empty_image", name)
    return ValidatedImage(name=name, upload=upload, width=width, height=height)


def images_check_request_total(images: list[ValidatedImage]) -> None:
    """Refuse a request whose pictures add up to more than IMAGE_UPLOAD_MAX_REQUEST_PIXELS."""
    total = sum(image.pixels for image in images)
    if total > max_request_pixels():
        raise ValidationError(
            _("These pictures add up to %(total)s megapixels; upload at most %(limit)s megapixels at a time."),
            code="request_too_many_pixels",
            params={"total": total // 1_000_000, "limit": max_request_pixels() // 1_000_000},
        )


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
    try:
        return _save(resized, buffer)
    finally:
        resized.close()


def _save(resized: Image.Image, buffer: io.BytesIO) -> EncodedImage:
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
    try:
        return ProductImageVariants(
            display=image_encode(clean, max_size=DISPLAY_SIZE), thumbnail=image_encode(clean, max_size=THUMBNAIL_SIZE)
        )
    finally:
        clean.close()


def image_reencode(validated: ValidatedImage, *, max_size: int) -> EncodedImage:
    """Decode a validated upload, normalise it (upright, sRGB, no metadata), scale it to fit a
    `max_size` square and encode it; every decoded copy is freed before returning."""
    try:
        clean = image_normalise(validated.decoded(max_size))
        try:
            return image_encode(clean, max_size=max_size)
        finally:
            clean.close()
    finally:
        validated.close()
