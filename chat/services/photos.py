"""Photo attachments: validated and re-encoded by the same pipeline as product images (real
image, size and pixel caps, full decode, metadata dropped, resized)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from catalog.images import image_validate
from chat.errors import ChatError

PHOTO_MAX_SIZE = 1280


@dataclass
class ChatPhoto:
    name: str
    file: ContentFile
    width: int
    height: int


def _reencode(validated):
    """The unified `hurtrock.images.image_reencode` where it exists (hardening), else the catalog's steps."""
    try:
        from hurtrock.images import image_reencode
    except ImportError:
        from catalog.images import image_encode, image_normalise

        return image_encode(image_normalise(validated.image), max_size=PHOTO_MAX_SIZE)
    return image_reencode(validated, max_size=PHOTO_MAX_SIZE)


def chat_photo_prepare(upload) -> ChatPhoto:
    try:
        validated = image_validate(upload)
    except ValidationError as error:
        raise ChatError(" ".join(error.messages), "bad_image")
    encoded = _reencode(validated)
    name = f"photo.{encoded.extension}"
    return ChatPhoto(
        name=name, file=ContentFile(encoded.content, name=name), width=encoded.width, height=encoded.height
    )
