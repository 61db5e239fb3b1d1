"""Query budgets of the checkout: the page, placing an order, and a submit too late for the last
unit; the same for 1 and for 10 lines."""

import pytest
from django.db.models import Sum
from django.urls import reverse

from catalog.models import Product
from inventory.models import StockMovement
from orders.models import Order
from orders.tests.checkout_helpers import fill_cart, place_form
from orders.tests.factories import stocked_product

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lines", [1, 10])
def test_checkout_page_query_budget(client, shop, buyer, django_assert_max_num_queries, lines):
    fill_cart(client, [stocked_product(5) for _ in range(lines)])

    with django_assert_max_num_queries(14):  # + line thumbnails, + navbar wishlist count
        response = client.get(reverse("orders:checkout"))

    assert response.status_code == 200 and len(response.context["cart"].lines) == lines


@pytest.mark.parametrize("lines", [1, 10])
def test_placing_an_order_query_budget(client, shop, buyer, django_assert_max_num_queries, lines):
    fill_cart(client, [stocked_product(5) for _ in range(lines)])
    page = client.get(reverse("orders:checkout"))
    data = place_form(page, shop[1])

    # The payment methods and the order key read once, the products through the precompiled sell
    # rule (24 statements for 1 line, 25 for 10, with the test's caches off).
    with django_assert_max_num_queries(25):
        response = client.post(reverse("orders:checkout"), data)

    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    assert order.lines.count() == lines
    assert StockMovement.objects.filter(reference=f"order:{order.number}").aggregate(s=Sum("quantity"))["s"] == -lines


def test_a_submit_too_late_for_the_last_unit_is_cheap(client, shop, buyer, django_assert_max_num_queries):
    """The many who lose a rush for the last units: session, user, cart lines, and back to the cart."""
    product = stocked_product(1)
    fill_cart(client, [product])
    data = place_form(client.get(reverse("orders:checkout")), shop[1])
    Product.objects.filter(pk=product.pk).update(stock_quantity=0)  # someone else was quicker

    with django_assert_max_num_queries(4):
        response = client.post(reverse("orders:checkout"), data)

    assert response.status_code == 302 and response.url == reverse("orders:cart")
    assert not Order.objects.exists()
