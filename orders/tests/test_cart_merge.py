"""The visitor's cart joins the buyer's saved cart at login: quantities added, capped at stock."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import PASSWORD, UserFactory
from orders.cart import SESSION_KEY, SessionCart
from orders.models import CartItem
from orders.services import cart_merge
from orders.tests.factories import ProductFactory, stocked_product, verified

pytestmark = pytest.mark.django_db


def login(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def saved(user) -> dict[int, int]:
    return dict(CartItem.objects.filter(user=user).values_list("product_id", "quantity"))


def test_login_through_allauth_merges_by_adding_quantities_capped_at_stock(client):
    user = verified(UserFactory())
    both = stocked_product(5)  # saved 2 + visitor 2 = 4
    capped = stocked_product(3)  # saved 2 + visitor 2 = 4 → 3
    only_visitor = stocked_product(5)
    only_saved = stocked_product(5)
    CartItem.objects.create(user=user, product=both, quantity=2)
    CartItem.objects.create(user=user, product=capped, quantity=2)
    CartItem.objects.create(user=user, product=only_saved, quantity=1)
    for product, quantity in ((both, 2), (capped, 2), (only_visitor, 1)):
        client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": quantity})

    login(client, user)

    assert saved(user) == {both.pk: 4, capped.pk: 3, only_visitor.pk: 1, only_saved.pk: 1}
    assert SESSION_KEY not in client.session
    page = client.get(reverse("orders:cart"))
    assert page.context["cart"].count == 9


def test_products_gone_or_sold_out_since_are_dropped_and_the_buyer_is_told(client):
    user = verified(UserFactory())
    sold_out = stocked_product(2)
    retired = stocked_product(2)
    client.post(reverse("orders:cart_add", args=[sold_out.pk]), {"quantity": 1})
    client.post(reverse("orders:cart_add", args=[retired.pk]), {"quantity": 1})
    sold_out.stock_quantity = 0
    sold_out.save(update_fields=["stock_quantity"])
    retired.is_active = False
    retired.save(update_fields=["is_active"])

    login(client, user)

    assert saved(user) == {}
    follow = client.get(reverse("orders:cart"))
    assert any(m.level_tag == "warning" for m in follow.context["messages"])


def test_logging_in_twice_never_doubles_the_cart(client):
    user = verified(UserFactory())
    product = stocked_product(5)
    client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 2})

    login(client, user)
    client.post(reverse("account_logout"))
    login(client, user)

    assert saved(user) == {product.pk: 2}


def test_merge_service_keeps_a_saved_line_when_the_visitor_line_is_unavailable(rf):
    from django.contrib.sessions.backends.db import SessionStore

    user = UserFactory()
    product = ProductFactory(stock_quantity=0)
    CartItem.objects.create(user=user, product=product, quantity=1)
    session = SessionStore()
    SessionCart(session).set(product.pk, 3)

    result = cart_merge(session_cart=SessionCart(session), user=user)

    assert result.dropped == [product.name]
    assert saved(user) == {product.pk: 1}
    assert SessionCart(session).quantities() == {}
