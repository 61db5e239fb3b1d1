"""A discounted order at the (fake) gateways over real HTTP: Midtrans gets a negative discount line and
its item_details still sum to gross_amount; Stripe charges one line with the discounted total."""

import pytest

from orders.models import PaymentMethod
from orders.tests.factories import stocked_product
from orders.tests.promotions_helpers import on_sale, place, voucher
from payments.services import payment_start

pytestmark = pytest.mark.django_db


def test_midtrans_item_details_carry_the_discount_and_sum_to_gross_amount(midtrans_gateway):
    guitar = on_sale(stocked_product(5, price=3_450_000), price=3_000_000)
    voucher(code="MIDTRANS10", value=10, max_discount=250_000)
    order = place(items=[(guitar, 2)], voucher_code="MIDTRANS10", payment_method=PaymentMethod.MIDTRANS)

    payment = payment_start(order=order, user=order.user)

    body = midtrans_gateway.snaps[midtrans_gateway.by_order[payment.provider_reference]]["request"]
    items = body["item_details"]
    assert body["transaction_details"]["gross_amount"] == order.total == payment.amount
    assert sum(i["price"] * i["quantity"] for i in items) == order.total
    assert items[0]["price"] == 3_000_000  # the sale price, not the list price
    assert items[-1]["id"] == "DISCOUNT" and items[-1]["price"] == -250_000 and items[-1]["quantity"] == 1
    assert order.discount == 250_000


def test_stripe_charges_the_discounted_total_as_one_line(stripe_gateway):
    voucher(code="STRIPE", kind="fixed", value=100_000)
    order = place(
        items=[(stocked_product(5, price=1_250_000), 1)], voucher_code="STRIPE", payment_method=PaymentMethod.STRIPE
    )

    payment = payment_start(order=order, user=order.user)

    session = stripe_gateway.sessions[payment.provider_reference]
    assert order.total == 1_250_000 + order.shipping_cost - 100_000
    assert session["amount_total"] == order.total * 100
    assert [int(i["price_data"]["unit_amount"]) for i in session["line_items_sent"]] == [order.total * 100]
