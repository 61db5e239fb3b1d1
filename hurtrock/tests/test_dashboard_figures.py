"""The dashboard additions of #10: today against the same weekday last week, the 12-month chart and
orders by status, hand-computed across Jakarta day and month boundaries; the short cache; the query
budget with thousands of orders."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hurtrock.dashboard import dashboard_for, order_figures, orders_by_status, sales_by_month, sales_vs_last_week
from hurtrock.testing.factories import AdminFactory
from inventory.tests.factories import stocked_product
from orders.models import Order, OrderStatus
from orders.sample_history import sample_history_ensure
from orders.services import order_cancel, order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db
INDEX = reverse("admin:index")
JAKARTA = ZoneInfo("Asia/Jakarta")
TUESDAY = date(2026, 11, 17)


def paid(total: int, moment: datetime) -> Order:
    """A paid order with a chosen total and payment time (written with update, as the history is)."""
    order = order_for()
    order_mark_paid(order=order)
    Order.objects.filter(pk=order.pk).update(total=total, subtotal=total, shipping_cost=0, discount=0, paid_at=moment)
    return order


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=JAKARTA)


def test_today_against_the_same_weekday_last_week_by_jakarta_day():
    paid(1_000_000, at(2026, 11, 17, 0, 10))  # 16 Nov 17:10 UTC, but Tuesday in Jakarta: today
    paid(250_000, at(2026, 11, 17, 23, 59))  # still today
    paid(7_000_000, at(2026, 11, 16, 23, 50))  # Monday: neither
    paid(300_000, at(2026, 11, 10, 0, 5))  # last Tuesday, early (9 Nov in UTC)
    paid(500_000, at(2026, 11, 10, 23, 59))  # last Tuesday, late
    paid(900_000, at(2026, 11, 11, 0, 0))  # Wednesday 00:00: not last Tuesday
    paid(800_000, at(2026, 11, 9, 23, 59))  # Monday before: not last Tuesday
    refunded = paid(4_000_000, at(2026, 11, 10, 12, 0))
    order_cancel(order=refunded)  # cancelled after payment: money refunded, not a sale
    Order.objects.filter(pk=order_for().pk).update(paid_at=at(2026, 11, 17, 9, 0))  # pending: not a sale

    figures = sales_vs_last_week(today=TUESDAY)

    assert figures == {
        "today": 1_250_000,
        "today_count": 2,
        "last_week": 800_000,
        "last_week_count": 2,
        "difference": 450_000,
        "difference_abs": 450_000,
        "percent": 56,  # 450 000 / 800 000 = 56.25 %
        "last_week_day": date(2026, 11, 10),
    }


def test_today_below_last_week_and_nothing_last_week():
    paid(200_000, at(2026, 11, 17, 8, 0))
    paid(1_000_000, at(2026, 11, 10, 8, 0))
    lower = sales_vs_last_week(today=TUESDAY)
    assert (lower["difference"], lower["difference_abs"], lower["percent"]) == (-800_000, 800_000, -80)

    empty_week = sales_vs_last_week(today=date(2026, 11, 18))
    assert empty_week["today"] == 0 and empty_week["last_week"] == 0
    assert empty_week["percent"] is None  # no percentage of nothing


def test_twelve_months_by_jakarta_month_of_payment():
    paid(100_000, at(2025, 11, 30, 23, 30))  # before the first of the 12 months
    paid(200_000, at(2025, 12, 1, 0, 30))  # 30 Nov 17:30 UTC, but December in Jakarta: counted
    paid(300_000, at(2026, 10, 31, 23, 59))  # October
    paid(400_000, at(2026, 11, 1, 0, 1))  # 31 Oct 17:01 UTC, but November in Jakarta
    paid(500_000, at(2026, 11, 17, 12, 0))
    refunded = paid(9_000_000, at(2026, 11, 2, 12, 0))
    order_cancel(order=refunded)

    months = sales_by_month(today=TUESDAY)

    assert [month for month, _ in months] == [date(2025, 12, 1)] + [date(2026, m, 1) for m in range(1, 12)]
    by_month = dict(months)
    assert by_month[date(2025, 12, 1)] == 200_000
    assert by_month[date(2026, 10, 1)] == 300_000
    assert by_month[date(2026, 11, 1)] == 900_000
    assert sum(by_month.values()) == 1_400_000
    assert [month for month, _ in sales_by_month(months=3, today=date(2026, 1, 5))] == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
    ]  # across the new year


def test_orders_by_status_counts_every_status_and_links_to_the_filtered_list(client):
    pending = order_for()
    for _ in range(2):
        order_mark_paid(order=order_for())
    shipped = order_for()
    order_mark_paid(order=shipped)
    Order.objects.filter(pk=shipped.pk).update(status=OrderStatus.SHIPPED)
    cancelled = order_for()
    order_cancel(order=cancelled)

    counts = dict(orders_by_status())
    assert list(counts) == list(OrderStatus.values)  # every status, in the pipeline's order
    assert counts == {
        "pending": 1,
        "paid": 2,
        "processing": 0,
        "shipped": 1,
        "delivered": 0,
        "cancelled": 1,
        "expired": 0,
    }

    client.force_login(AdminFactory())
    response = client.get(INDEX)
    rows = {row["status"]: row for row in response.context["dashboard"].status_rows}
    assert rows["paid"]["count"] == 2
    assert rows["paid"]["url"] == reverse("admin:orders_order_changelist") + "?status__exact=paid"
    html = response.content.decode()
    assert 'href="/admin/orders/order/?status__exact=paid"' in html
    assert 'id="months-data"' in html and 'id="hr-sales-vs-last-week"' in html

    listing = client.get(rows["pending"]["url"])
    assert listing.status_code == 200
    assert [o.pk for o in listing.context["cl"].result_list] == [pending.pk]


def test_figures_are_cached_briefly(settings):
    settings.DASHBOARD_CACHE_SECONDS = 60
    admin = AdminFactory()
    paid(100_000, at(2026, 11, 17, 9, 0))
    first = order_figures(today=TUESDAY)
    paid(200_000, at(2026, 11, 17, 10, 0))

    with CaptureQueriesContext(connection) as queries:
        again = order_figures(today=TUESDAY)
    assert len(queries) == 0  # from the cache
    assert again == first and again["vs_last_week"]["today"] == 100_000

    cache.clear()  # the TTL ran out
    assert order_figures(today=TUESDAY)["vs_last_week"]["today"] == 300_000

    settings.DASHBOARD_CACHE_SECONDS = 0  # off: read every time
    paid(400_000, at(2026, 11, 17, 11, 0))
    assert order_figures(today=TUESDAY)["vs_last_week"]["today"] == 700_000
    assert dashboard_for(admin).vs_last_week is not None


def _index_queries(client) -> int:
    cache.clear()  # the worst case: nothing cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_at_most_15_queries_at_10_and_at_2000_orders(client, django_assert_max_num_queries):
    stocked_product(100, name="Yamaha Pacifica 112V", price=3_900_000)
    client.force_login(AdminFactory())
    sample_history_ensure(10)
    assert Order.objects.count() == 10
    with django_assert_max_num_queries(15):
        few = _index_queries(client)

    sample_history_ensure(2000)
    assert Order.objects.count() == 2000
    with django_assert_max_num_queries(15):
        many = _index_queries(client)
    assert few == many

    with CaptureQueriesContext(connection) as cached:
        client.get(INDEX)
    assert len(cached) < many  # the order figures came from the cache
    dashboard = client.get(INDEX).context["dashboard"]
    assert dashboard.order_count == 2000
    assert dict(dashboard.by_status)["delivered"] == 2000
    first_day = datetime.combine(dashboard.months[0][0], datetime.min.time(), tzinfo=JAKARTA)
    expected = Order.objects.filter(paid_at__gte=first_day).aggregate(total=Sum("total"))["total"]
    assert sum(amount for _, amount in dashboard.months) == expected
