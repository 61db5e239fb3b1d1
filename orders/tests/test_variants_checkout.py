"""A variant (a child of a product family) goes through the real cart and checkout views: the
order line, the stock and the ledger point at the child; the family parent is never sold."""

import pytest
from django.db.models import Sum
from django.urls import reverse

from catalog.models import Product
from catalog.tests.factories_variants import family_create
from inventory.models import StockMovement
from inventory.services import stock_record_opening_balances
from orders.models import Order, OrderLine
from orders.tests.checkout_helpers import place_form

pytestmark = pytest.mark.django_db


def test_a_variant_is_bought_and_its_own_stock_moves_in_the_ledger(client, shop, buyer):  # noqa: F811
    destination, service = shop
    parent, children = family_create(size=3, prices=[15_000_000, 15_500_000, 16_000_000], stocks=[4, 3, 2])
    stock_record_opening_balances(products=Product.objects.filter(parent=parent))
    black = children[1]

    page = client.get(black.get_absolute_url())
    assert page.context["product"] == black
    added = client.post(reverse("orders:cart_add", args=[black.pk]), {"quantity": 2})
    refused = client.post(reverse("orders:cart_add", args=[parent.pk]), {"quantity": 1})
    assert added.status_code == 302 and refused.status_code == 404
    cart = client.get(reverse("orders:cart")).context["cart"]
    assert [(line.product.pk, line.quantity) for line in cart.lines] == [(black.pk, 2)]

    checkout = client.get(reverse("orders:checkout"))
    placed = client.post(reverse("orders:checkout"), place_form(checkout, service))

    order = Order.objects.get()
    assert placed.status_code == 302 and placed.url == order.get_absolute_url()
    line = OrderLine.objects.get(order=order)
    assert (line.product_id, line.quantity, line.unit_price, line.product_name) == (black.pk, 2, 15_500_000, black.name)
    stock = dict(
        Product.objects.filter(pk__in=[parent.pk, *(c.pk for c in children)]).values_list("pk", "stock_quantity")
    )
    assert stock == {parent.pk: 0, children[0].pk: 4, black.pk: 1, children[2].pk: 2}
    sale = StockMovement.objects.get(reference=f"order:{order.number}")
    assert (sale.product_id, sale.quantity, sale.reason) == (black.pk, -2, "sale")
    assert not StockMovement.objects.filter(product=parent).exists()
    ledger = StockMovement.objects.filter(product=black).aggregate(total=Sum("quantity"))["total"]
    assert ledger == 1


def test_a_family_parent_slipped_into_a_cart_is_not_checked_out(client, shop, buyer):  # noqa: F811
    """A parent that was an ordinary product when it was put in the cart, then got variants."""
    from orders.models import CartItem

    destination, service = shop
    parent, children = family_create(size=2)
    CartItem.objects.create(user=buyer, product=parent, quantity=1)

    cart = client.get(reverse("orders:cart")).context["cart"]

    assert cart.lines == [] or all(line.product.pk != parent.pk for line in cart.lines)
    assert client.get(reverse("orders:checkout")).status_code == 302  # nothing to buy: back to the cart
