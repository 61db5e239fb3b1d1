"""`load_sample_data --orders N`: a year of delivered orders in bulk, history only."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import timezone

from catalog.models import Product
from catalog.tests.factories import ProductFactory
from inventory.models import StockMovement
from orders.models import Order, OrderLine, OrderStatus
from orders.sample_history import PREFIX, sample_history_ensure

pytestmark = pytest.mark.django_db


def test_history_orders_are_consistent_delivered_orders_of_the_past_year():
    ProductFactory.create_batch(5, stock_quantity=7)
    stock_before = Product.objects.aggregate(total=Sum("stock_quantity"))["total"]
    movements_before = StockMovement.objects.count()

    assert sample_history_ensure(30) == 30

    orders = Order.objects.filter(number__startswith=PREFIX)
    assert orders.count() == 30
    assert set(orders.values_list("status", flat=True)) == {OrderStatus.DELIVERED}
    now = timezone.now()
    for order in orders:
        assert now - timedelta(days=366) < order.paid_at <= now
        assert order.created_at < order.paid_at < order.shipped_at < order.delivered_at
        lines = OrderLine.objects.filter(order=order)
        assert 1 <= lines.count() <= 3
        assert order.subtotal == sum(line.line_total for line in lines)
        assert order.total == order.subtotal + order.shipping_cost
    assert not OrderLine.objects.exclude(line_total=F("unit_price") * F("quantity")).exists()
    # History only: no stock taken, no ledger rows written.
    assert Product.objects.aggregate(total=Sum("stock_quantity"))["total"] == stock_before
    assert StockMovement.objects.count() == movements_before


def test_history_tops_up_and_never_duplicates():
    ProductFactory.create_batch(3)
    sample_history_ensure(10)
    assert sample_history_ensure(10) == 10
    assert sample_history_ensure(14) == 14
    numbers = list(Order.objects.filter(number__startswith=PREFIX).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 14


def test_load_sample_data_orders_option_reports_progress(capsys):
    call_command("load_sample_data", products=20, orders=25)
    out = capsys.readouterr().out
    assert "history: 25 history orders" in out
    assert Order.objects.filter(number__startswith=PREFIX).count() == 25
