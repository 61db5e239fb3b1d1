"""Cost prices: receipts record the unit cost on the ledger and move the product's average cost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import Product
from hurtrock.testing.factories import StaffFactory
from inventory.models import RestockOrderLine, StockMovement
from inventory.services import (
    restock_cost_suggestions,
    restock_order_create,
    restock_order_mark_ordered,
    restock_orders_create_for_products,
    restock_receive,
)
from inventory.tests.factories import ProductFactory, SupplierFactory, stocked_product

pytestmark = pytest.mark.django_db


def _receive(product, quantity, unit_cost, key):
    order = restock_order_create(supplier=SupplierFactory(), lines=[(product, quantity, unit_cost)])
    restock_order_mark_ordered(order=order)
    line = order.lines.get()
    return restock_receive(order=order, quantities={line.pk: quantity}, key=key)


def test_moving_average_after_two_receipts_at_different_costs():
    product = ProductFactory(price=3_000_000)

    _receive(product, 10, 2_000_000, "r1")
    product.refresh_from_db()
    first = product.average_cost
    _receive(product, 5, 2_300_000, "r2")
    product.refresh_from_db()

    # (10 × 2.000.000 + 5 × 2.300.000) / 15 = 2.100.000
    assert first == 2_000_000
    assert product.average_cost == 2_100_000 and product.stock_quantity == 15
    costs = list(
        StockMovement.objects.filter(product=product, reason="restock")
        .order_by("id")
        .values_list("unit_cost", flat=True)
    )
    assert costs == [2_000_000, 2_300_000]


def test_sales_between_receipts_weigh_only_the_stock_left():
    product = ProductFactory(price=3_000_000)
    _receive(product, 4, 1_000_000, "a")
    Product.objects.filter(pk=product.pk).update(stock_quantity=1)  # three sold (as if through the ledger)

    _receive(product, 2, 1_333_333, "b")
    product.refresh_from_db()

    # (1 × 1.000.000 + 2 × 1.333.333) / 3 = 1.222.222 (half-up, whole rupiah)
    assert product.average_cost == 1_222_222


def test_a_line_without_a_cost_leaves_the_average_alone_and_opening_stock_has_no_weight():
    product = stocked_product(7, price=3_000_000)  # opening balance: cost unknown
    _receive(product, 3, 0, "free")
    product.refresh_from_db()
    assert product.average_cost == 0

    _receive(product, 1, 2_500_000, "costed")
    product.refresh_from_db()
    assert product.average_cost == 2_500_000


def test_margins_follow_the_average_cost():
    product = ProductFactory(price=2_049_000)
    assert product.unit_margin is None and product.margin_percent is None

    _receive(product, 2, 1_500_000, "m")
    product.refresh_from_db()

    assert product.unit_margin == 549_000
    assert product.margin_percent == Decimal("26.8")  # 549.000 / 2.049.000 = 26,79 %


def test_new_lines_start_at_the_last_restock_cost_else_the_average():
    costed, averaged, unknown = ProductFactory(), ProductFactory(), ProductFactory()
    _receive(costed, 1, 900_000, "c1")
    _receive(costed, 1, 1_100_000, "c2")
    Product.objects.filter(pk=averaged.pk).update(average_cost=750_000)

    suggested = restock_cost_suggestions(product_ids=[costed.pk, averaged.pk, unknown.pk])

    assert suggested == {costed.pk: 1_100_000, averaged.pk: 750_000}


def test_restock_from_low_stock_uses_the_suggested_cost():
    supplier = SupplierFactory()
    product = stocked_product(0, supplier=supplier, low_stock_threshold=2)
    Product.objects.filter(pk=product.pk).update(average_cost=1_234_000)

    orders, skipped = restock_orders_create_for_products(products=Product.objects.filter(pk=product.pk))

    assert not skipped and orders[0].lines.get().unit_cost == 1_234_000


def test_admin_line_left_at_zero_gets_the_suggested_cost(client):
    client.force_login(StaffFactory())
    supplier = SupplierFactory()
    product = ProductFactory()
    Product.objects.filter(pk=product.pk).update(average_cost=640_000)

    response = client.post(
        reverse("admin:inventory_restockorder_add"),
        {
            "supplier": supplier.pk,
            "expected_date": "",
            "notes": "",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000",
            "lines-0-product": product.pk,
            "lines-0-quantity_ordered": "3",
            "lines-0-unit_cost": "0",
            "receipts-TOTAL_FORMS": "0",
            "receipts-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert RestockOrderLine.objects.get(product=product).unit_cost == 640_000


def test_the_product_page_shows_average_cost_and_margin(client):
    client.force_login(StaffFactory())
    product = ProductFactory(price=2_049_000)
    _receive(product, 2, 1_500_000, "p")

    body = client.get(reverse("admin:catalog_product_change", args=[product.pk])).content.decode()

    assert "Rp 1.500.000" in body and "Rp 549.000 (26,8 %)" in body
