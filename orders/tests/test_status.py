"""The status pipeline: only the transitions in the table happen, each with an event and its effects."""

import itertools

import pytest
from django.db.models import Sum

from catalog.models import Product
from hurtrock.testing.factories import StaffFactory
from inventory.models import StockMovement
from orders.errors import IllegalTransition, OrderError
from orders.models import ORDER_TRANSITIONS, Order, OrderStatus
from orders.services import order_cancel, order_mark_paid, order_mark_shipped, order_transition
from orders.tests.factories import order_for, stocked_product

pytestmark = pytest.mark.django_db

# The pipeline of SPEC.md, written out independently of ORDER_TRANSITIONS.
SPEC_PIPELINE = {
    ("pending", "paid"),
    ("paid", "processing"),
    ("processing", "shipped"),
    ("shipped", "delivered"),
    ("pending", "cancelled"),
    ("pending", "expired"),
    ("paid", "cancelled"),
    # Payments: money that arrives after the deadline revives the order when its stock is still there.
    ("expired", "paid"),
}
# How to walk a fresh (pending) order to each status through allowed moves.
PATH_TO = {
    "pending": [],
    "paid": ["paid"],
    "processing": ["paid", "processing"],
    "shipped": ["paid", "processing", "shipped"],
    "delivered": ["paid", "processing", "shipped", "delivered"],
    "cancelled": ["cancelled"],
    "expired": ["expired"],
}


def walk(order, statuses, user=None):
    for status in statuses:
        order_transition(order=order, to_status=status, user=user, tracking_number="JNE0001")
    return order


def test_the_transition_table_is_the_spec_pipeline():
    table = {(a, b) for a, targets in ORDER_TRANSITIONS.items() for b in targets}

    assert table == SPEC_PIPELINE
    assert set(ORDER_TRANSITIONS) == set(OrderStatus.values)


@pytest.mark.parametrize("from_status,to_status", list(itertools.product(OrderStatus.values, repeat=2)))
def test_every_pair_of_statuses_is_allowed_exactly_when_the_pipeline_says(from_status, to_status):
    order = walk(order_for(), PATH_TO[from_status])
    events_before = order.events.count()

    if (from_status, to_status) in SPEC_PIPELINE:
        order_transition(order=order, to_status=to_status, tracking_number="JNE0002")
        order.refresh_from_db()
        assert order.status == to_status
        event = order.events.last()
        assert (event.from_status, event.to_status) == (from_status, to_status)
        assert order.events.count() == events_before + 1
    else:
        with pytest.raises(IllegalTransition) as error:
            order_transition(order=order, to_status=to_status, tracking_number="JNE0002")
        assert error.value.message
        order.refresh_from_db()
        assert order.status == from_status
        assert order.events.count() == events_before


def test_each_change_records_who_when_and_why():
    staff = StaffFactory()
    order = order_for()

    order_mark_paid(order=order, user=staff, note="BCA transfer 14:02, ref 5521")

    event = order.events.last()
    assert (event.user, event.from_status, event.to_status) == (staff, "pending", "paid")
    assert event.note == "BCA transfer 14:02, ref 5521" and event.created_at is not None
    assert order.paid_at is not None


def test_paying_counts_units_sold_for_best_sellers():
    guitar, strings = stocked_product(5), stocked_product(50)
    order = order_for(items=[(guitar, 1), (strings, 3)])

    order_mark_paid(order=order)

    assert Product.objects.get(pk=guitar.pk).units_sold == 1
    assert Product.objects.get(pk=strings.pk).units_sold == 3


def test_cancelling_a_pending_order_gives_the_stock_back_through_the_ledger():
    product = stocked_product(5)
    order = order_for(items=[(product, 2)])
    assert Product.objects.get(pk=product.pk).stock_quantity == 3

    order_cancel(order=order, note="Buyer changed their mind")

    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    rows = StockMovement.objects.filter(reference=f"order:{order.number}")
    assert sorted(rows.values_list("reason", "quantity")) == [("cancellation", 2), ("sale", -2)]
    assert not order.is_refund_due


def test_staff_cancelling_a_paid_order_gives_stock_back_and_flags_the_refund():
    staff = StaffFactory()
    product = stocked_product(5)
    order = order_for(items=[(product, 2)])
    order_mark_paid(order=order, user=staff)

    order_cancel(order=order, user=staff, note="Out of the colour the buyer wanted")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and order.is_refund_due
    product.refresh_from_db()
    assert product.stock_quantity == 5 and product.units_sold == 0
    assert StockMovement.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] == 5
    assert StockMovement.objects.get(reason="cancellation", reference=f"order:{order.number}").user == staff


def test_shipping_needs_a_tracking_number_and_passes_through_processing():
    order = order_for()
    order_mark_paid(order=order)

    with pytest.raises(OrderError):
        order_mark_shipped(order=order, tracking_number="  ")
    order_mark_shipped(order=order, tracking_number="SCP123456789", courier="SiCepat")

    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    assert (order.tracking_courier, order.tracking_number) == ("SiCepat", "SCP123456789")
    assert list(order.events.values_list("to_status", flat=True)) == ["pending", "paid", "processing", "shipped"]


def test_shipping_a_pending_order_is_refused():
    order = order_for()

    with pytest.raises(IllegalTransition):
        order_mark_shipped(order=order, tracking_number="JNE1")

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_a_stale_instance_cannot_skip_the_pipeline():
    """The service reads the status under a row lock, not from the caller's possibly stale object."""
    order = order_for()
    stale = Order.objects.get(pk=order.pk)
    order_cancel(order=order)

    with pytest.raises(IllegalTransition):
        order_mark_paid(order=stale)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_an_expired_order_paid_after_all_reserves_its_stock_again_or_refuses():
    from orders.errors import StockUnavailable

    product = stocked_product(1)
    order = walk(order_for(items=[(product, 1)]), ["expired"])
    product.refresh_from_db()
    assert product.stock_quantity == 1

    order_transition(order=order, to_status="paid", note="Late transfer confirmed")
    product.refresh_from_db()
    assert order.status == "paid" and order.cancelled_at is None and product.stock_quantity == 0
    assert StockMovement.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] == 0

    other = walk(order_for(items=[(stocked_product(1), 1)]), ["expired"])
    gone = other.lines.get().product
    from inventory.services import stock_reserve

    stock_reserve(lines=[(gone, 1)], reference="order:elsewhere")
    with pytest.raises(StockUnavailable):
        order_transition(order=other, to_status="paid")
    other.refresh_from_db()
    assert other.status == "expired"
