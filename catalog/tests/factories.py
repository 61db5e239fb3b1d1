"""Factories for catalog tests, and helpers that make real image files in memory."""

import io
import struct
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image

from catalog.models import Category, Product, ProductImage


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"TEST-{n:05d}")
    name = factory.Sequence(lambda n: f"Gitar Uji {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    brand = "Ibanez"
    model_name = factory.Sequence(lambda n: f"RG{n}")
    description = "Gitar elektrik untuk musik metal."
    specifications = factory.LazyFunction(lambda: [["Body", "Mahogany"], ["Frets", "24"]])
    price = 5_000_000
    stock_quantity = 10
    low_stock_threshold = 3
    weight_grams = 4500
    category = factory.SubFactory(CategoryFactory)


class ProductImageFactory(factory.django.DjangoModelFactory):
    """An image row pointing at file names (no files): enough for templates and query counts."""

    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    display = factory.Sequence(lambda n: f"products/test/{n}-display.webp")
    thumbnail = factory.Sequence(lambda n: f"products/test/{n}-thumb.webp")
    width = 1200
    height = 1200
    thumbnail_width = 400
    is_main = True
    sort_order = 1


def image_bytes(fmt: str = "JPEG", size=(1600, 1200), color=(200, 40, 40), **save_kwargs) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save_kwargs.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_bomb_bytes(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid 1-bit PNG of width×height pixels: a few dozen kilobytes on disk, gigabytes decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
