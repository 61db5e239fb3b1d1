import pytest

from catalog.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory
from hurtrock.testing.factories import AdminFactory, StaffFactory


@pytest.fixture
def staff_client(client, db):
    """A signed-in staff member (the Staff group: every catalog permission)."""
    user = StaffFactory()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def admin_user_client(client, db):
    user = AdminFactory()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def product_with_image(db):
    product = ProductFactory(category=CategoryFactory(name="Gitar", slug="gitar"))
    ProductImageFactory(product=product)
    return product


MANAGEMENT = [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000")]


def product_admin_data(product=None, **overrides) -> dict:
    """POST data of the product admin form (no images) for `product`, or a new product."""
    category = product.category if product else CategoryFactory()
    data = {
        "name": product.name if product else "Jackson Soloist SL2",
        "slug": product.slug if product else "jackson-soloist-sl2",
        "sku": product.sku if product else "JKS-SL2",
        "brand": product.brand if product else "Jackson",
        "model_name": product.model_name if product else "Soloist SL2",
        "category": category.pk,
        "parent": "",
        "description": product.description if product else "Gitar elektrik neck-through.",
        "specifications": "Body: Mahogany\nFrets: 24",
        "price": product.price if product else 24_000_000,
        "low_stock_threshold": 3,
        "weight_grams": 4500,
        "length_cm": "",
        "width_cm": "",
        "height_cm": "",
        "is_active": "on",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        # The family inlines (options and variants; no rows).
        **{f"{prefix}-{name}": value for prefix in ("variant_options", "variants") for name, value in MANAGEMENT},
        # The supplier-price inline that the inventory app adds to this page (no rows).
        "supplier_products-TOTAL_FORMS": "0",
        "supplier_products-INITIAL_FORMS": "0",
        "supplier_products-MIN_NUM_FORMS": "0",
        "supplier_products-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def image_inline_data(images, extra=None) -> dict:
    """Management form and rows of the image inline: `images` existing rows (dicts with an "image")."""
    data = {}
    rows = list(images) + ([extra] if extra else [])
    for index, row in enumerate(rows):
        prefix = f"images-{index}-"
        image = row.get("image")
        data[f"{prefix}id"] = image.pk if image else ""
        data[f"{prefix}product"] = image.product_id if image else ""
        data[f"{prefix}alt_text"] = row.get("alt_text", "")
        data[f"{prefix}sort_order"] = row.get("sort_order", index + 1)
        if row.get("is_main"):
            data[f"{prefix}is_main"] = "on"
        if row.get("delete"):
            data[f"{prefix}DELETE"] = "on"
        if row.get("upload") is not None:
            data[f"{prefix}upload"] = row["upload"]
    data.update(
        {
            "images-TOTAL_FORMS": str(len(rows)),
            "images-INITIAL_FORMS": str(len(images)),
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
        }
    )
    return data


@pytest.fixture(autouse=True)
def _english(settings):
    """These tests assert the English wording of messages; the shop's default language is Indonesian."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
