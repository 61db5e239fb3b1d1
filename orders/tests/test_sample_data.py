"""The demo orders of `load_sample_data`: every status, placed through the services, idempotent."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Sum

from catalog.models import Product
from hurtrock.models import StoreProfile
from inventory.models import StockMovement
from orders.models import Order, OrderStatus

pytestmark = pytest.mark.django_db


def test_demo_orders_cover_the_pipeline_and_keep_the_ledger_true():
    call_command("load_sample_data", products=40, stdout=io.StringIO())
    first = set(Order.objects.values_list("number", flat=True))
    call_command("load_sample_data", products=40, stdout=io.StringIO())

    assert set(Order.objects.values_list("number", flat=True)) == first
    assert len(first) == 6
    assert set(Order.objects.values_list("status", flat=True)) == {
        OrderStatus.PENDING,
        OrderStatus.PAID,
        OrderStatus.PROCESSING,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.CANCELLED,
    }
    shipped = Order.objects.get(status=OrderStatus.SHIPPED)
    assert shipped.tracking_number and shipped.events.count() >= 4
    assert StoreProfile.objects.get(pk=1).bank_account_number
    assert mail.outbox == []  # demo buyers are not e-mailed
    ledger = dict(StockMovement.objects.values("product").annotate(t=Sum("quantity")).values_list("product", "t"))
    assert all(ledger.get(pk, 0) == stock for pk, stock in Product.objects.values_list("pk", "stock_quantity"))


def test_a_real_bank_account_is_never_overwritten():
    StoreProfile.objects.filter(pk=1).update(bank_name="Mandiri", bank_account_number="130-00-1234567-8")

    call_command("load_sample_data", products=25, stdout=io.StringIO())

    assert StoreProfile.objects.get(pk=1).bank_account_number == "130-00-1234567-8"
