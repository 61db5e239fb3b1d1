"""Query budgets: the count is fixed by the page, never by the number of products (20 vs 500)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Category, Product, ProductImage
from hurtrock.testing.factories import StaffFactory

pytestmark = pytest.mark.django_db

BUDGETS = {
    "product_list": 8,
    "product_list_filtered": 8,
    "product_detail": 10,
    "home": 10,  # with the flash-sale strip (two queries)
    "search": 8,
    "autocomplete": 3,
    "admin_product_list": 12,
}


def make_catalog(size: int) -> Product:
    """`size` products (bulk_create) in a small tree, each with a main picture and a second one."""
    root = Category.objects.create(name="Gitar", slug="gitar")
    leaves = [
        Category.objects.create(name="Gitar Elektrik", slug="gitar-elektrik", parent=root),
        Category.objects.create(name="Gitar Akustik", slug="gitar-akustik", parent=root),
    ]
    brands = ["Ibanez", "Jackson", "ESP LTD", "Gibson", "Fender"]
    products = Product.objects.bulk_create(
        Product(
            sku=f"B-{n:05d}",
            name=f"{brands[n % 5]} Gitar Metal {n}",
            slug=f"gitar-metal-{n}",
            brand=brands[n % 5],
            model_name=f"M{n}",
            description="Gitar elektrik dengan pickup aktif untuk musik metal.",
            specifications=[["Body", "Mahogany"], ["Frets", "24"]],
            price=1_000_000 + n * 10_000,
            stock_quantity=n % 7,
            category=leaves[n % 2],
            is_featured=n % 3 == 0,
            units_sold=n % 11,
            # Promotions on some products: the budgets hold with sale and flash prices on the page.
            sale_price=900_000 + n * 10_000 if n % 4 == 0 else None,
            flash_price=500_000 if n % 5 == 0 else None,
            flash_starts_at=timezone.now() - timedelta(hours=1) if n % 5 == 0 else None,
            flash_ends_at=timezone.now() + timedelta(hours=1) if n % 5 == 0 else None,
            flash_quota=3 if n % 5 == 0 else None,
        )
        for n in range(size)
    )
    ProductImage.objects.bulk_create(
        ProductImage(
            product=product,
            display=f"products/{product.pk}/{order}-display.webp",
            thumbnail=f"products/{product.pk}/{order}-thumb.webp",
            width=1200,
            height=1200,
            thumbnail_width=400,
            is_main=order == 1,
            sort_order=order,
        )
        for product in products
        for order in (1, 2)
    )
    return products[0]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def page_urls(product):
    return {
        "product_list": reverse("catalog:product_list"),
        "product_list_filtered": reverse("catalog:product_list")
        + "?category=gitar&brand=Ibanez&brand=Jackson&min_price=1000000&max_price=9000000&in_stock=true&sort=best_selling&page=2",
        "product_detail": product.get_absolute_url(),
        "home": reverse("home"),
        "search": reverse("catalog:search") + "?q=gitar+metal",
        "autocomplete": reverse("catalog:autocomplete") + "?q=ibanez",
    }


@pytest.mark.parametrize("size", [20, 500])
def test_storefront_pages_stay_within_their_query_budgets(client, size, django_assert_max_num_queries):
    product = make_catalog(size)

    for name, url in page_urls(product).items():
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [20, 500])
def test_admin_product_list_stays_within_its_query_budget(client, size, django_assert_max_num_queries):
    make_catalog(size)
    client.force_login(StaffFactory())
    url = reverse("admin:catalog_product_changelist") + "?stock=restock"

    with django_assert_max_num_queries(BUDGETS["admin_product_list"]):
        assert client.get(url).status_code == 200


def clear_catalog():
    ProductImage.objects.all().delete()
    Product.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


def test_query_counts_are_the_same_with_20_and_with_500_products(client):
    counts = {}
    for size in (20, 500):
        clear_catalog()
        cache.clear()  # the store profile is cached after the first page: start each size alike
        product = make_catalog(size)
        staff = StaffFactory()
        client.force_login(staff)
        counts[size] = {name: count_queries(client, url) for name, url in page_urls(product).items()}
        counts[size]["admin_product_list"] = count_queries(client, reverse("admin:catalog_product_changelist"))
        client.logout()

    print("query counts (signed-in staff):", counts[500])
    assert counts[20] == counts[500], counts
