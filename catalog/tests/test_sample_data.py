"""`manage.py load_sample_data`: realistic, idempotent, with pictures and a progress bar."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from catalog.models import Category, Product, ProductImage
from catalog.sample_data.generate import product_spec
from inventory.models import Supplier

pytestmark = pytest.mark.django_db


def load(products: int) -> str:
    out = io.StringIO()
    call_command("load_sample_data", products=products, stdout=out)
    return out.getvalue()


def test_loads_a_realistic_catalog_and_is_idempotent():
    first = load(40)
    counts = (Category.objects.count(), Supplier.objects.count(), Product.objects.count(), ProductImage.objects.count())
    second = load(40)

    assert counts == (
        Category.objects.count(),
        Supplier.objects.count(),
        Product.objects.count(),
        ProductImage.objects.count(),
    )
    numbered = Product.objects.filter(sku__startswith="HR-")
    assert numbered.count() == 40 and Category.objects.filter(parent=None).count() == 7
    assert "[##############################] 40/40" in first
    assert "0 new products" in second
    assert not Product.objects.filter(images__isnull=True).exists()
    assert ProductImage.objects.filter(is_main=True, product__in=numbered).count() == 40
    assert Product.objects.filter(is_featured=True).exists()
    assert numbered.exclude(supplier_products=None).count() == 40
    brands = set(Product.objects.values_list("brand", flat=True))
    assert brands & {"Gibson", "Fender", "Ibanez", "Jackson", "ESP LTD", "Boss", "Marshall", "Ernie Ball", "Pearl"}


def test_the_stock_ledger_explains_the_sample_stock():
    from django.db.models import Sum

    from inventory.models import StockMovement

    load(30)
    load(30)

    ledger = dict(
        StockMovement.objects.values("product").annotate(total=Sum("quantity")).values_list("product", "total")
    )
    for pk, stock in Product.objects.values_list("pk", "stock_quantity"):
        assert ledger.get(pk, 0) == stock


def test_topping_up_adds_only_the_missing_products():
    load(10)
    before = dict(Product.objects.values_list("sku", "price"))

    output = load(25)

    assert Product.objects.filter(sku__startswith="HR-").count() == 25
    assert "15 new products" in output
    assert {sku: price for sku, price in Product.objects.values_list("sku", "price") if sku in before} == before


def test_pictures_are_real_webp_files_shared_between_products():
    load(30)

    image = ProductImage.objects.filter(is_main=True).first()
    picture = Image.open(default_storage.open(image.display.name))
    thumb = Image.open(default_storage.open(image.thumbnail.name))
    assert picture.format == "WEBP" and picture.size == (800, 800) and thumb.size == (400, 400)
    assert ProductImage.objects.values("display").distinct().count() < ProductImage.objects.count()
    assert all(Category.objects.get(slug=slug).image for slug in ("gitar", "drum", "efek"))


def test_product_n_is_always_the_same_and_prices_are_whole_rupiah():
    first, again = product_spec(123), product_spec(123)

    assert first == again
    assert first.price % 1000 == 0 and first.price > 0
    assert first.description and first.specifications
    assert all(isinstance(value, str) for pair in first.specifications for value in pair)


def test_negative_count_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_sample_data", products=-1, stdout=io.StringIO())


def test_sample_families_a_guitar_in_finishes_strings_in_gauges_sticks_in_sizes():
    from catalog.models import VariantOptionValue
    from catalog.selectors import product_list_queryset, product_sellable_queryset

    load(10)
    VariantOptionValue.objects.filter(variant__sku="HRV-EXL110").delete()  # lost values come back
    load(10)

    families = {
        parent.name: sorted(VariantOptionValue.objects.filter(variant__parent=parent).values_list("value", flat=True))
        for parent in Product.objects.filter(sku__startswith="HRV-", parent=None)
    }
    assert families == {
        "Fender Player II Stratocaster": ["3-Color Sunburst", "Aquatone Blue", "Black", "Polar White"],
        "D'Addario EXL Nickel Wound Senar Gitar Elektrik": ["09-42", "10-46", "11-49", "12-52"],
        "Vic Firth American Classic Hickory Stik Drum": ["2B", "5A", "5B", "7A"],
    }
    assert VariantOptionValue.objects.filter(option__kind="colour").exclude(swatch="").count() == 4
    listed = set(product_list_queryset().filter(sku__startswith="HRV-").values_list("sku", flat=True))
    assert listed == {"HRV-STRAT-P2", "HRV-EXL", "HRV-VF-AC"}
    assert not product_sellable_queryset().filter(sku__in=listed).exists()
    assert not Product.objects.filter(sku__startswith="HRV-", images__isnull=True).exists()
    assert Product.objects.filter(sku__startswith="HRV-").exclude(price__gt=0).count() == 0


def test_loading_gathers_the_planners_statistics():
    """Without them (autovacuum off, or not yet run) PostgreSQL plans every query blind. The row
    count the statistics hold is this test's own (uncommitted) products: only the command's ANALYZE
    can have counted them."""
    from django.db import connection

    load(5)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = 'catalog_product'::regclass")
            counted = cursor.fetchone()[0]
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'catalog_product' LIMIT 1")
            counted = int(cursor.fetchone()[0].split()[0])
    assert counted == Product.objects.count() > 0
