"""catalog.pricing: the one price function, and the storefront showing sales and flash sales."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.pricing import PriceKind, next_price_change_at, product_price
from catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HOUR = timedelta(hours=1)


def product(**fields):
    return ProductFactory.build(price=1_000_000, **fields)


def test_the_list_price_without_promotions():
    price = product_price(product())
    assert (price.amount, price.regular, price.kind, price.percent_off) == (1_000_000, 1_000_000, "regular", 0)


def test_a_running_sale_with_compare_at_and_percentage_off_rounded_down():
    price = product_price(product(sale_price=666_667, compare_at_price=1_200_000), now=NOW)
    assert (price.amount, price.regular, price.kind) == (666_667, 1_200_000, PriceKind.SALE)
    assert price.percent_off == 44  # 44.44 %


def test_sale_windows_are_half_open():
    item = product(sale_price=800_000, sale_starts_at=NOW, sale_ends_at=NOW + HOUR)
    assert product_price(item, now=NOW - timedelta(seconds=1)).amount == 1_000_000
    assert product_price(item, now=NOW).amount == 800_000
    assert product_price(item, now=NOW + HOUR).amount == 1_000_000


def test_a_sale_above_the_list_price_is_ignored():
    assert product_price(product(sale_price=1_100_000), now=NOW).amount == 1_000_000


def test_a_flash_sale_wins_while_quota_is_left_then_the_sale_price_returns():
    item = product(
        sale_price=900_000,
        flash_price=500_000,
        flash_starts_at=NOW - HOUR,
        flash_ends_at=NOW + HOUR,
        flash_quota=3,
        flash_units_sold=2,
    )
    price = product_price(item, now=NOW)
    assert (price.amount, price.kind, price.flash_left, price.ends_at) == (500_000, "flash", 1, NOW + HOUR)
    item.flash_units_sold = 3
    assert product_price(item, now=NOW).amount == 900_000


def test_next_price_change_is_the_earliest_future_start_or_end():
    items = [
        product(sale_price=900_000, sale_starts_at=NOW - HOUR, sale_ends_at=NOW + 3 * HOUR),
        product(flash_price=500_000, flash_starts_at=NOW + 2 * HOUR, flash_ends_at=NOW + 4 * HOUR, flash_quota=1),
        product(),
    ]
    assert next_price_change_at(items, now=NOW) == NOW + 2 * HOUR
    assert next_price_change_at([product()], now=NOW) is None


def test_cards_search_autocomplete_and_the_product_page_show_the_sale(client):
    now = timezone.now()
    ProductFactory(
        name="Jackson Soloist",
        price=10_000_000,
        sale_price=7_500_000,
        sale_ends_at=now + 3 * HOUR,
    )
    pedal = ProductFactory(
        name="Jackson Distortion",
        price=2_000_000,
        flash_price=1_000_000,
        flash_starts_at=now - HOUR,
        flash_ends_at=now + HOUR,
        flash_quota=5,
        flash_units_sold=1,
    )

    listing = client.get(reverse("catalog:product_list")).content.decode()
    assert "7.500.000" in listing and "<del" in listing and "−25%" in listing
    detail = client.get(pedal.get_absolute_url()).content.decode()
    assert "data-countdown" in detail and "−50%" in detail and "10.000.000" not in detail
    assert "4 left at this price" in detail or "4 tersisa" in detail
    suggestions = client.get(reverse("catalog:autocomplete") + "?q=jackson").json()
    entries = suggestions.get("results", suggestions.get("suggestions", suggestions))
    found = {entry["name"]: entry for entry in entries}
    assert found["Jackson Soloist"]["price"] == 7_500_000 and found["Jackson Soloist"]["percent_off"] == 25
    assert found["Jackson Distortion"]["sale"] == "flash"
    home = client.get(reverse("home")).content.decode()
    assert "data-flash-strip" in home and "Jackson Distortion" in home
