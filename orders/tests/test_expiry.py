"""Unpaid orders expire after ORDER_PAYMENT_TIMEOUT_MINUTES and give their stock back via the ledger."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product
from hurtrock.pagecache import buyer_data_invalidate, page_cache_invalidate
from inventory.models import StockMovement
from orders.models import Order, OrderStatus
from orders.services import order_mark_paid, orders_expire_unpaid
from orders.tasks import order_expire_if_unpaid_task, orders_expire_unpaid_task
from orders.tests.factories import order_for, stocked_product
from shipping.selectors import destinations_cache_clear

pytestmark = pytest.mark.django_db


def overdue(order, minutes=1):
    Order.objects.filter(pk=order.pk).update(payment_due_at=timezone.now() - timedelta(minutes=minutes))
    return order


def test_the_deadline_follows_the_setting(settings):
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 90
    before = timezone.now()

    order = order_for()

    assert timedelta(minutes=89) < order.payment_due_at - before <= timedelta(minutes=90, seconds=5)


def test_the_command_expires_overdue_orders_and_gives_stock_back(django_capture_on_commit_callbacks, mailoutbox):
    product = stocked_product(4)
    late = overdue(order_for(items=[(product, 3)]))
    on_time = order_for(items=[(stocked_product(4), 1)])
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_unpaid_orders", stdout=out)

    assert "Expired 1" in out.getvalue()
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.status == OrderStatus.EXPIRED and late.cancelled_at is not None
    assert on_time.status == OrderStatus.PENDING
    assert Product.objects.get(pk=product.pk).stock_quantity == 4
    assert list(
        StockMovement.objects.filter(reference=f"order:{late.number}").order_by("pk").values_list("reason", "quantity")
    ) == [("sale", -3), ("cancellation", 3)]
    event = late.events.last()
    assert (event.from_status, event.to_status, event.user) == ("pending", "expired", None)
    assert "60" in event.text
    assert [late.number in m.subject for m in mailoutbox] == [True]


def test_paid_orders_never_expire():
    order = overdue(order_for())
    order_mark_paid(order=order)

    assert orders_expire_unpaid() == 0
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID


def test_running_twice_expires_once():
    overdue(order_for())

    assert orders_expire_unpaid() == 1
    assert orders_expire_unpaid() == 0
    assert StockMovement.objects.filter(reason="cancellation").count() == 1


def test_the_tasks_expire_too():
    first = overdue(order_for())
    second = overdue(order_for())

    assert order_expire_if_unpaid_task.enqueue(first.pk).return_value is True
    assert order_expire_if_unpaid_task.enqueue(first.pk).return_value is False
    assert orders_expire_unpaid_task.enqueue().return_value == 1
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.EXPIRED}
    assert second.number


def test_a_deferring_backend_gets_one_expiry_task_per_order(settings, django_capture_on_commit_callbacks):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        order = order_for()

    deferred = [r for r in task_backends["default"].results if r.task.name == "order_expire_if_unpaid_task"]
    assert [(r.args, r.task.run_after) for r in deferred] == [([order.pk], order.payment_due_at)]


def test_the_immediate_backend_schedules_no_expiry_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = order_for()

    assert order.status == OrderStatus.PENDING
    # The "placed" e-mail only (cron runs the expiry command); placing also took stock and wrote an
    # order, which invalidate the page cache and the buyers' badges on commit (hurtrock.pagecache);
    # the test's own delivery area clears the cached list of areas.
    cache_bumps = (page_cache_invalidate, buyer_data_invalidate, destinations_cache_clear)
    others = [callback for callback in callbacks if callback not in cache_bumps]
    assert len(others) == 1
