"""Sample product families (`load_sample_data`): a guitar in four finishes, a string set in four
gauges, drumsticks in four sizes. Idempotent: products by SKU (prefix HRV-, outside the numbered
HR- products), options and values rewritten only when something was created."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from catalog.images import DISPLAY_SIZE, THUMBNAIL_SIZE, product_image_variants, webp_supported
from catalog.models import Category, Product, ProductImage, VariantOptionKind, VariantOptionValue
from catalog.sample_data.artwork import SIZE as ARTWORK_SIZE
from catalog.sample_data.artwork import artwork_draw_colours
from catalog.services.products import product_slug
from catalog.services.variants import OptionSpec, VariantSpec, variant_family_set


@dataclass(frozen=True)
class SampleVariant:
    sku: str
    value: str
    price: int
    stock: int
    swatch: str = ""
    colours: tuple = ((26, 26, 26), (255, 107, 53), (200, 200, 205))


@dataclass(frozen=True)
class SampleFamily:
    sku: str
    name: str
    brand: str
    model_name: str
    category_slug: str
    description: str
    specifications: list
    option: str
    kind: str
    artwork: str
    weight_grams: int
    box: tuple
    variants: tuple


CHROME = (205, 205, 210)
FAMILIES = (
    SampleFamily(
        sku="HRV-STRAT-P2",
        name="Fender Player II Stratocaster",
        brand="Fender",
        model_name="Player II Stratocaster",
        category_slug="gitar-elektrik",
        description=(
            "Stratocaster buatan Meksiko dengan body alder, neck maple Modern C dan tiga single-coil Player "
            "Series. Pilih finish favoritmu: semua versi memakai hardware dan elektronik yang sama."
        ),
        specifications=[["Body", "Alder"], ["Neck", "Maple, Modern C"], ["Pickup", "3× Player Series Alnico 5"]],
        option="Finish",
        kind=VariantOptionKind.COLOUR,
        artwork="electric_guitar",
        weight_grams=4200,
        box=(110, 45, 15),
        variants=(
            SampleVariant(
                "HRV-STRAT-P2-3TS",
                "3-Color Sunburst",
                15_499_000,
                6,
                "#7a3b12",
                ((122, 59, 18), (240, 225, 200), CHROME),
            ),
            SampleVariant(
                "HRV-STRAT-P2-BLK", "Black", 14_999_000, 4, "#1b1b1b", ((27, 27, 27), (240, 240, 240), CHROME)
            ),
            SampleVariant(
                "HRV-STRAT-P2-PWT", "Polar White", 14_999_000, 0, "#efece2", ((239, 236, 226), (45, 45, 45), CHROME)
            ),
            SampleVariant(
                "HRV-STRAT-P2-AQB", "Aquatone Blue", 15_799_000, 2, "#3f93a8", ((63, 147, 168), (250, 250, 250), CHROME)
            ),
        ),
    ),
    SampleFamily(
        sku="HRV-EXL",
        name="D'Addario EXL Nickel Wound Senar Gitar Elektrik",
        brand="D'Addario",
        model_name="EXL",
        category_slug="senar",
        description="Senar gitar elektrik nickel wound paling populer: bright, awet dan intonasi stabil. Pilih gauge-nya.",
        specifications=[["Bahan", "Nickel-plated steel"], ["Isi", "6 senar"]],
        option="Gauge",
        kind=VariantOptionKind.TEXT,
        artwork="strings",
        weight_grams=60,
        box=(12, 12, 1),
        variants=(
            SampleVariant("HRV-EXL120", "09-42", 99_000, 40),
            SampleVariant("HRV-EXL110", "10-46", 99_000, 55),
            SampleVariant("HRV-EXL115", "11-49", 105_000, 18),
            SampleVariant("HRV-EXL145", "12-52", 109_000, 7),
        ),
    ),
    SampleFamily(
        sku="HRV-VF-AC",
        name="Vic Firth American Classic Hickory Stik Drum",
        brand="Vic Firth",
        model_name="American Classic",
        category_slug="stik-drum",
        description="Stik drum hickory dengan ujung kayu, seimbang dan konsisten pasangan demi pasangan. Pilih ukurannya.",
        specifications=[["Bahan", "Hickory"], ["Ujung", "Kayu"]],
        option="Size",
        kind=VariantOptionKind.TEXT,
        artwork="sticks",
        weight_grams=120,
        box=(42, 5, 3),
        variants=(
            SampleVariant("HRV-VF-7A", "7A", 189_000, 25),
            SampleVariant("HRV-VF-5A", "5A", 189_000, 30),
            SampleVariant("HRV-VF-5B", "5B", 195_000, 12),
            SampleVariant("HRV-VF-2B", "2B", 199_000, 0),
        ),
    ),
)


def _picture_files(kind: str, key: str, colours: tuple) -> dict:
    extension = "webp" if webp_supported() else "jpg"
    stem = f"products/sample/{kind}-{key.lower()}"
    names = {"display": f"{stem}-display.{extension}", "thumbnail": f"{stem}-thumb.{extension}"}
    if not all(default_storage.exists(path) for path in names.values()):
        variants = product_image_variants(artwork_draw_colours(kind, colours))
        for field, encoded in (("display", variants.display), ("thumbnail", variants.thumbnail)):
            if default_storage.exists(names[field]):
                default_storage.delete(names[field])
            default_storage.save(names[field], ContentFile(encoded.content))
    size = min(ARTWORK_SIZE, DISPLAY_SIZE)
    return {**names, "width": size, "height": size, "thumbnail_width": min(ARTWORK_SIZE, THUMBNAIL_SIZE)}


def _product(family: SampleFamily, categories, *, sku, name, price, stock, parent=None) -> tuple[Product, bool]:
    length, width, height = family.box
    return Product.objects.get_or_create(
        sku=sku,
        defaults={
            "name": name,
            "slug": product_slug(name),
            "brand": family.brand,
            "model_name": family.model_name,
            "description": family.description if parent is None else "",
            "specifications": family.specifications,
            "price": price,
            "stock_quantity": stock,  # the opening-balances step records it in the ledger
            "low_stock_threshold": 3,
            "weight_grams": family.weight_grams,
            "length_cm": length,
            "width_cm": width,
            "height_cm": height,
            "category": categories[family.category_slug],
            "parent": parent,
            "is_featured": parent is None,
        },
    )


def _picture(product: Product, files: dict) -> None:
    if not product.images.exists():
        ProductImage.objects.create(product=product, alt_text=product.name, sort_order=1, is_main=True, **files)


@transaction.atomic
def sample_families_ensure(*, categories: dict[str, Category]) -> int:
    """The sample families and their variants; returns how many products this call created."""
    created_count = 0
    for family in FAMILIES:
        cheapest = min(variant.price for variant in family.variants)
        parent, created = _product(family, categories, sku=family.sku, name=family.name, price=cheapest, stock=0)
        created_count += created
        first = family.variants[0]
        _picture(parent, _picture_files(family.artwork, first.sku, first.colours))
        children: dict[Product, VariantSpec] = {}
        fresh = created
        for variant in family.variants:
            name = f"{family.name} {variant.value}"
            child, made = _product(
                family, categories, sku=variant.sku, name=name, price=variant.price, stock=variant.stock, parent=parent
            )
            fresh = fresh or made
            created_count += made
            own = variant if family.kind == VariantOptionKind.COLOUR else first  # one picture per finish
            _picture(child, _picture_files(family.artwork, own.sku, own.colours))
            swatches = {family.option: variant.swatch} if variant.swatch else {}
            children[child] = VariantSpec(label=variant.sku, values={family.option: variant.value}, swatches=swatches)
        complete = VariantOptionValue.objects.filter(variant__in=list(children), option__product=parent).count()
        if fresh or complete != len(children):  # new products, or the values are missing
            variant_family_set(parent=parent, options=[OptionSpec(family.option, family.kind)], variants=children)
    return created_count
