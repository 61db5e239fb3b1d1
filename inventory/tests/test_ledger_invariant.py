"""Property: whatever sequence of sales, cancellations, restocks and adjustments happens, stock never goes
negative, equals the ledger's sum, and matches a simple model of what should have happened."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import Product
from catalog.tests.factories import CategoryFactory
from inventory.errors import InsufficientStock
from inventory.selectors import stock_ledger_differences
from inventory.services import (
    restock_order_create,
    restock_order_mark_ordered,
    restock_receive,
    stock_adjust,
    stock_record_opening_balances,
    stock_release,
    stock_reserve,
)
from inventory.tests.factories import ProductFactory, SupplierFactory

pytestmark = pytest.mark.django_db

PRODUCTS = 3
operation = st.one_of(
    st.tuples(
        st.just("sale"), st.lists(st.tuples(st.integers(0, PRODUCTS - 1), st.integers(1, 4)), min_size=1, max_size=3)
    ),
    st.tuples(
        st.just("cancellation"),
        st.lists(st.tuples(st.integers(0, PRODUCTS - 1), st.integers(1, 4)), min_size=1, max_size=3),
    ),
    st.tuples(
        st.just("restock"), st.lists(st.tuples(st.integers(0, PRODUCTS - 1), st.integers(1, 6)), min_size=1, max_size=3)
    ),
    st.tuples(st.just("adjustment"), st.tuples(st.integers(0, PRODUCTS - 1), st.integers(-5, 5).filter(bool))),
)


class Rollback(Exception):
    """Undo one example's data so the next starts clean."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    initial=st.lists(st.integers(0, 5), min_size=PRODUCTS, max_size=PRODUCTS),
    operations=st.lists(operation, max_size=15),
)
def test_stock_always_equals_the_ledger_sum(initial, operations):
    try:
        with transaction.atomic():
            run_example(initial, operations)
            raise Rollback
    except Rollback:
        pass


def run_example(initial, operations):
    category, supplier = CategoryFactory(), SupplierFactory()
    products = [ProductFactory(stock_quantity=qty, category=category, supplier=supplier) for qty in initial]
    stock_record_opening_balances(products=Product.objects.filter(pk__in=[p.pk for p in products]))
    expected = list(initial)

    for kind, args in operations:
        if kind == "adjustment":
            index, delta = args
            lines = [(index, delta)]
        else:
            lines = args
        wanted: dict[int, int] = {}
        for index, qty in lines:
            sign = -1 if kind == "sale" or (kind == "adjustment" and qty < 0) else 1
            wanted[index] = wanted.get(index, 0) + sign * abs(qty)
        feasible = all(expected[i] + d >= 0 for i, d in wanted.items())
        try:
            if kind == "sale":
                stock_reserve(lines=[(products[i], q) for i, q in lines], reference="order:H")
            elif kind == "cancellation":
                stock_release(lines=[(products[i].pk, q) for i, q in lines], reference="order:H")
            elif kind == "restock":
                order = restock_order_create(
                    supplier=supplier, lines=[(products[i], q, 1000) for i, q in _merged(lines)]
                )
                restock_order_mark_ordered(order=order)
                restock_receive(
                    order=order,
                    quantities={line.pk: line.quantity_ordered for line in order.lines.all()},
                    key=f"k{order.pk}",
                )
            else:
                stock_adjust(product=products[args[0]], quantity=args[1], reason="adjustment", note="count")
        except InsufficientStock:
            assert not feasible
        else:
            assert feasible
            for i, d in wanted.items():
                expected[i] += d

        stocks = list(
            Product.objects.filter(pk__in=[p.pk for p in products])
            .order_by("pk")
            .values_list("stock_quantity", flat=True)
        )
        assert stocks == expected
        assert min(stocks) >= 0
        assert not stock_ledger_differences().filter(pk__in=[p.pk for p in products]).exists()


def _merged(lines):
    merged: dict[int, int] = {}
    for index, qty in lines:
        merged[index] = merged.get(index, 0) + qty
    return merged.items()
