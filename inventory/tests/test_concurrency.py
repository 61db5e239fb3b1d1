"""Real threads racing on PostgreSQL: the row locks, not luck, keep stock and the ledger right."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum

from catalog.models import Product
from inventory.errors import InsufficientStock, ReceiptRejected
from inventory.models import RestockOrder, RestockReceipt, StockMovement
from inventory.selectors import stock_ledger_differences
from inventory.services import restock_order_mark_ordered, restock_receive, stock_reserve
from inventory.tests.factories import RestockOrderLineFactory, stocked_product

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks need PostgreSQL (CI runs this)"),
    pytest.mark.django_db(transaction=True),
]


def race(workers: int, work) -> tuple[list, list, float]:
    """Start `workers` threads at one barrier; each runs work(i). Returns (results, errors, seconds)."""
    barrier = threading.Barrier(workers)
    results, errors = [], []
    lock = threading.Lock()

    def run(i):
        try:
            barrier.wait()
            outcome = work(i)
            with lock:
                results.append(outcome)
        except Exception as exc:  # noqa: BLE001  (collected and asserted by the test)
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors, time.perf_counter() - started


def test_twenty_buyers_racing_for_the_last_three_units_exactly_three_win():
    product = stocked_product(3)

    results, errors, seconds = race(
        20, lambda i: stock_reserve(lines=[(product.pk, 1)], reference=f"order:RACE-{i:02d}") or i
    )

    product.refresh_from_db()
    assert len(results) == 3
    assert len(errors) == 17 and all(isinstance(e, InsufficientStock) for e in errors)
    assert product.stock_quantity == 0
    assert StockMovement.objects.filter(product=product, reason="sale").count() == 3
    assert StockMovement.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] == 0
    assert not stock_ledger_differences().exists()
    print(f"\nreserve race: 20 threads, 3 winners, 17 InsufficientStock, stock 0, {seconds * 1000:.0f} ms")


def test_opposite_line_orders_do_not_deadlock():
    a, b = stocked_product(100), stocked_product(100)

    def work(i):
        lines = [(a.pk, 1), (b.pk, 1)] if i % 2 else [(b.pk, 1), (a.pk, 1)]
        stock_reserve(lines=lines, reference=f"order:D-{i}")

    results, errors, _ = race(20, work)

    assert errors == []
    assert list(Product.objects.filter(pk__in=[a.pk, b.pk]).values_list("stock_quantity", flat=True)) == [80, 80]
    assert not stock_ledger_differences().exists()


def _ordered_restock(quantity=10):
    line = RestockOrderLineFactory(quantity_ordered=quantity, product=stocked_product(0))
    restock_order_mark_ordered(order=line.order)
    return line


def test_the_same_receipt_submitted_twice_concurrently_adds_stock_once():
    line = _ordered_restock(10)

    results, errors, seconds = race(
        2, lambda i: restock_receive(order=line.order, quantities={line.pk: 10}, key="receipt-token-1").pk
    )

    assert errors == []
    assert len(set(results)) == 1, "both submits see the one receipt"
    line.refresh_from_db()
    line.product.refresh_from_db()
    assert line.quantity_received == 10
    assert line.product.stock_quantity == 10
    assert StockMovement.objects.filter(product=line.product, reason="restock").count() == 1
    assert RestockReceipt.objects.count() == 1
    assert RestockOrder.objects.get().status == RestockOrder.Status.RECEIVED
    print(f"\nreceipt race (same key): 2 threads, 1 receipt, +10 once, {seconds * 1000:.0f} ms")


def test_different_full_receipts_of_one_order_racing_add_stock_once():
    line = _ordered_restock(10)

    results, errors, _ = race(
        8, lambda i: restock_receive(order=line.order, quantities={line.pk: 10}, key=f"receipt-{i}").pk
    )

    assert len(results) == 1
    assert len(errors) == 7 and all(isinstance(e, ReceiptRejected) for e in errors)
    line.product.refresh_from_db()
    assert line.product.stock_quantity == 10
    assert not stock_ledger_differences().exists()
