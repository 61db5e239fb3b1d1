"""A signed-in buyer's cart lines are read with one precompiled join (orders.cart._lines_sql): the
products must come out exactly as the ORM builds them, in the cart's order, through the sell rule."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Product
from catalog.pricing import product_price
from hurtrock.testing.factories import UserFactory
from orders.cart import DatabaseCart
from orders.models import CartItem
from orders.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _field_values(product: Product) -> dict:
    return {field.attname: getattr(product, field.attname) for field in Product._meta.concrete_fields}


def test_the_lines_hold_the_same_products_as_the_orm_in_the_carts_order(django_assert_num_queries):
    buyer = UserFactory()
    now = timezone.now()
    on_sale = ProductFactory(
        specifications=[["Body", "Alder"], ["Pickups", "HSS"]],
        sale_price=4_200_000,
        sale_starts_at=now - datetime.timedelta(days=1),
        sale_ends_at=now + datetime.timedelta(days=1),
    )
    plain, hidden = ProductFactory(), ProductFactory(is_active=False)
    for offset, (product, quantity) in enumerate([(plain, 2), (hidden, 1), (on_sale, 3)]):
        item = CartItem.objects.create(user=buyer, product=product, quantity=quantity)
        CartItem.objects.filter(pk=item.pk).update(added_at=now - datetime.timedelta(minutes=10 - offset))

    with django_assert_num_queries(2):  # the lines with their products, the sell rule for their ids
        lines = DatabaseCart(buyer).lines()

    assert [(line.product.pk, line.quantity) for line in lines] == [(plain.pk, 2), (on_sale.pk, 3)]
    for line in lines:
        expected = Product.objects.get(pk=line.product.pk)
        assert _field_values(line.product) == _field_values(expected)
        assert not hasattr(line.product, "cart_line_quantity")
        assert line.product._state.adding is False
        assert line.product._state.db == "default"
    assert lines[1].product.specifications == [["Body", "Alder"], ["Pickups", "HSS"]]
    assert lines[1].unit_price == product_price(Product.objects.get(pk=on_sale.pk)).amount
    assert lines[1].product.created_at.tzinfo is not None


def test_another_buyers_lines_stay_out():
    buyer, other = UserFactory(), UserFactory()
    mine, theirs = ProductFactory(), ProductFactory()
    CartItem.objects.create(user=buyer, product=mine, quantity=1)
    CartItem.objects.create(user=other, product=theirs, quantity=4)

    assert [(line.product.pk, line.quantity) for line in DatabaseCart(buyer).lines()] == [(mine.pk, 1)]
    assert DatabaseCart(UserFactory()).lines() == []
