"""A signed-in buyer's cart add: one statement sums the line in the database (never past the stock),
and the answer is built from the lines read before the add, kept in step, not read twice."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import UserFactory
from orders.models import CartItem
from orders.tests.factories import ProductFactory, stocked_product

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def add(client, product_id, quantity="1", **extra):
    return client.post(reverse("orders:cart_add", args=[product_id]), {"quantity": quantity}, **{**JSON, **extra})


def saved(user) -> list[tuple[int, int]]:
    return list(CartItem.objects.filter(user=user).values_list("product_id", "quantity"))


@pytest.fixture
def buyer(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_adds_sum_in_the_database_and_stop_at_the_stock_with_the_counts_in_the_message(client, buyer):
    product = stocked_product(5, price=1_000_000)

    assert add(client, product.pk, "2").json()["cart"]["count"] == 2
    answer = add(client, product.pk, "3").json()
    refused = add(client, product.pk, "1")

    assert answer["cart"]["count"] == 5 and answer["cart"]["subtotal"] == 5_000_000
    assert refused.status_code == 400
    assert "5" in refused.json()["message"]  # "Only 5 in stock and 5 already in your cart."
    assert refused.json()["cart"]["count"] == 5
    assert saved(buyer) == [(product.pk, 5)]


def test_the_answer_lists_every_line_oldest_first_as_the_next_page_will(client, buyer):
    older, newer = stocked_product(5, price=300_000), stocked_product(5, price=200_000)
    add(client, older.pk, "1")

    lines = add(client, newer.pk, "2").json()["cart"]["lines"]
    again = add(client, older.pk, "1").json()["cart"]["lines"]

    assert [(line["product_id"], line["quantity"]) for line in lines] == [(older.pk, 1), (newer.pk, 2)]
    assert [(line["product_id"], line["quantity"]) for line in again] == [(older.pk, 2), (newer.pk, 2)]
    page = client.get(reverse("orders:cart")).context["cart"]
    assert [(line.product.pk, line.quantity) for line in page.lines] == [(older.pk, 2), (newer.pk, 2)]


def test_a_line_that_is_no_longer_sold_stays_out_of_the_answer_and_the_count(client, buyer):
    hidden, sold = stocked_product(5), stocked_product(5)
    add(client, hidden.pk, "1")
    hidden.is_active = False
    hidden.save(update_fields=["is_active"])

    answer = add(client, sold.pk, "2").json()["cart"]

    assert answer["count"] == 2 and [line["product_id"] for line in answer["lines"]] == [sold.pk]
    assert add(client, hidden.pk, "1").status_code == 404  # and it cannot be added again
    assert sorted(saved(buyer)) == sorted([(hidden.pk, 1), (sold.pk, 2)])


def test_out_of_stock_unknown_and_refused_quantities_change_nothing(client, buyer):
    sold_out = ProductFactory(stock_quantity=0)
    product = stocked_product(3)

    assert add(client, sold_out.pk).status_code == 400
    assert add(client, 999_999).status_code == 404
    assert add(client, product.pk, "4").status_code == 400
    assert add(client, product.pk, "0").status_code == 400
    assert saved(buyer) == []


def test_a_refused_add_without_javascript_goes_back_to_the_product_page(client, buyer):
    product = stocked_product(1)
    add(client, product.pk, "1")

    response = client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": "1"})

    assert response.status_code == 302 and response.url == product.get_absolute_url()


@pytest.mark.parametrize("in_cart", [False, True])
def test_cart_add_query_budget(client, buyer, django_assert_max_num_queries, in_cart):
    """The user, the lines (+ the sell rule for them), the product when it is new to the cart, the
    upsert, and the session (the test settings keep it in the database)."""
    product = stocked_product(10)
    for _ in range(3):
        add(client, stocked_product(5).pk)
    if in_cart:
        add(client, product.pk)

    with django_assert_max_num_queries(6 if in_cart else 7):
        response = add(client, product.pk)

    assert response.json()["cart"]["count"] == 3 + (2 if in_cart else 1)
