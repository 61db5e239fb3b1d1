"""Cart over HTTP: fetch (JSON) and form fallback, validation of quantities, navbar count, budgets."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import UserFactory
from orders.cart import SESSION_KEY
from orders.models import CartItem
from orders.tests.factories import ProductFactory, stocked_product

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def add(client, product, quantity="1", **extra):
    return client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": quantity}, **extra)


def session_cart(client) -> dict:
    return dict(client.session.get(SESSION_KEY) or {})


def test_visitor_adds_with_fetch_and_gets_json_with_the_new_count(client):
    product = stocked_product(5, price=2_000_000)

    response = add(client, product, "2", **JSON)

    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True
    assert data["cart"]["count"] == 2
    assert data["cart"]["subtotal"] == 4_000_000
    assert data["cart"]["subtotal_display"] == "Rp 4.000.000"
    assert session_cart(client) == {str(product.pk): 2}


def test_visitor_adds_without_javascript_and_is_redirected_to_the_cart_with_a_message(client):
    product = stocked_product(5)

    response = add(client, product, "1", follow=True)

    assert response.redirect_chain[-1][0] == reverse("orders:cart")
    body = response.content.decode()
    assert product.name in body
    assert "is in your cart" in body or "keranjang" in body
    assert "data-cart-count>1<" in body.replace("\n", "")


def test_adding_again_adds_to_the_quantity(client):
    product = stocked_product(5)

    add(client, product, "2", **JSON)
    response = add(client, product, "3", **JSON)

    assert response.json()["cart"]["count"] == 5
    assert session_cart(client) == {str(product.pk): 5}


@pytest.mark.parametrize("raw", ["-3", "0", "abc", "1.5", "1e3", "", " ", "99999999999999999999999", "9" * 5000, "6"])
def test_invalid_quantities_are_refused_with_a_message_and_change_nothing(client, raw):
    product = stocked_product(5)
    add(client, product, "1", **JSON)

    response = add(client, product, raw, **JSON)

    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False
    assert data["message"]
    assert data["cart"]["count"] == 1
    assert session_cart(client) == {str(product.pk): 1}


@pytest.mark.parametrize("raw", ["-1", "0", "abc", "6", "100000000000"])
def test_invalid_update_is_refused_in_the_form_fallback_with_a_message(client, raw):
    product = stocked_product(5)
    add(client, product, "2", **JSON)

    response = client.post(reverse("orders:cart_update", args=[product.pk]), {"quantity": raw}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("orders:cart")
    assert response.context["messages"]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert session_cart(client) == {str(product.pk): 2}


def test_message_names_the_stock_limit(client):
    product = stocked_product(3)
    add(client, product, "2", **JSON)

    response = add(client, product, "2", **JSON)

    assert response.status_code == 400
    assert "3" in response.json()["message"] and "2" in response.json()["message"]


def test_out_of_stock_and_inactive_products_cannot_be_added(client):
    sold_out = ProductFactory(stock_quantity=0)
    hidden = stocked_product(5, is_active=False)

    assert add(client, sold_out, "1", **JSON).status_code == 400
    assert add(client, hidden, "1", **JSON).status_code == 404
    assert add(client, type("P", (), {"pk": 999999})(), "1", **JSON).status_code == 404
    assert session_cart(client) == {}


def test_update_and_remove_with_fetch(client):
    first, second = stocked_product(5, price=1_000_000), stocked_product(5, price=500_000)
    add(client, first, "1", **JSON)
    add(client, second, "1", **JSON)

    updated = client.post(reverse("orders:cart_update", args=[first.pk]), {"quantity": "4"}, **JSON).json()
    removed = client.post(reverse("orders:cart_remove", args=[second.pk]), **JSON).json()

    assert updated["cart"]["subtotal"] == 4_500_000
    assert removed["cart"]["count"] == 4
    assert removed["cart"]["subtotal_display"] == "Rp 4.000.000"
    assert [line["product_id"] for line in removed["cart"]["lines"]] == [first.pk]


def test_remove_without_javascript_redirects_to_the_cart(client):
    product = stocked_product(5)
    add(client, product, "1")

    response = client.post(reverse("orders:cart_remove", args=[product.pk]))

    assert response.status_code == 302 and response.url == reverse("orders:cart")
    assert session_cart(client) == {}


def test_cart_changes_need_post_and_a_csrf_token():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    product = stocked_product(5)

    assert client.get(reverse("orders:cart_add", args=[product.pk])).status_code == 405
    assert add(client, product, "1").status_code == 403
    assert session_cart(client) == {}


def test_signed_in_buyer_cart_is_stored_in_the_database(client):
    user = UserFactory()
    product = stocked_product(5)
    client.force_login(user)

    add(client, product, "2", **JSON)
    client.post(reverse("orders:cart_update", args=[product.pk]), {"quantity": "3"}, **JSON)

    assert list(CartItem.objects.filter(user=user).values_list("product_id", "quantity")) == [(product.pk, 3)]
    assert SESSION_KEY not in client.session


def test_cart_page_lists_lines_and_flags_lines_over_stock(client):
    product = stocked_product(5, name="Marshall JCM800")
    add(client, product, "4")
    product.stock_quantity = 2
    product.save(update_fields=["stock_quantity"])

    response = client.get(reverse("orders:cart"))

    body = response.content.decode()
    assert "Marshall JCM800" in body
    assert 'role="alert"' in body


def test_checkout_refuses_a_cart_over_stock(client):
    from hurtrock.testing.factories import CompleteProfileUserFactory

    user = CompleteProfileUserFactory()
    client.force_login(user)
    product = stocked_product(5)
    add(client, product, "4")
    product.stock_quantity = 2
    product.save(update_fields=["stock_quantity"])

    response = client.get(reverse("orders:checkout"))

    assert response.status_code == 302 and response.url == reverse("orders:cart")


@pytest.mark.parametrize("lines", [1, 10])
def test_cart_page_query_budget_for_a_visitor(client, django_assert_max_num_queries, lines):
    for _ in range(lines):
        add(client, stocked_product(3), "1")

    with django_assert_max_num_queries(6):
        response = client.get(reverse("orders:cart"))

    assert response.context["cart"].count == lines


@pytest.mark.parametrize("lines", [1, 10])
def test_cart_page_query_budget_for_a_buyer(client, django_assert_max_num_queries, lines):
    client.force_login(UserFactory())
    for _ in range(lines):
        add(client, stocked_product(3), "1")

    with django_assert_max_num_queries(8):  # + line thumbnails, + navbar wishlist count
        response = client.get(reverse("orders:cart"))

    assert response.context["cart"].count == lines
