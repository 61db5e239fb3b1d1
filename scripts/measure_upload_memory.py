"""Peak memory of one product-picture request: N pictures of M megapixels through the admin's
multi-upload field and the variant encoder, as the admin does it (clean every file, then store each).

    python scripts/measure_upload_memory.py [count] [megapixels] [JPEG|PNG]

Prints the growth of the process's peak RSS while handling the request (files are written first,
outside the measurement). Run from the repository root; no database is used.
"""

import os
import resource
import sys
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hurtrock.settings")
sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import TemporaryUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from catalog.forms import MultipleImageUploadField  # noqa: E402
from catalog.images import DISPLAY_SIZE, product_image_variants  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(count: int, megapixels: int, fmt: str = "JPEG") -> None:
    width = int((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = megapixels * 1_000_000 // width
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "picture." + fmt.lower())
    with Image.new("RGB", (width, height), (120, 60, 30)) as picture:
        picture.save(path, fmt)
    size = os.path.getsize(path)
    uploads = []
    for number in range(count):
        upload = TemporaryUploadedFile(f"p{number}.{fmt.lower()}", "image/" + fmt.lower(), size, None)
        with open(path, "rb") as source:
            upload.write(source.read())
        upload.seek(0)
        uploads.append(upload)
    import gc

    gc.collect()
    start = peak_mb()
    validated = MultipleImageUploadField(required=False).clean(uploads)
    for item in validated:  # what product_image_add does for each picture
        pixels = item.decoded(DISPLAY_SIZE) if hasattr(item, "decoded") else item.image
        product_image_variants(pixels)
        if hasattr(item, "close"):
            item.close()
    print(
        f"{count} x {fmt} {width}x{height} ({megapixels} MP, {size // 1024} KB each): peak RSS +{peak_mb() - start:.0f} MB"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 6, int(args[1]) if len(args) > 1 else 40, args[2] if len(args) > 2 else "JPEG")
