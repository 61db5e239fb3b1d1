"""The back-office dashboard on the admin index: the numbers, who sees which panel, the query budget."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hurtrock.dashboard import dashboard_for, sales_by_day, sales_totals, store_today
from hurtrock.templatetags.rupiah import format_rupiah
from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from inventory.tests.factories import stocked_product
from orders.models import Order
from orders.services import order_cancel, order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db
INDEX = reverse("admin:index")
JAKARTA = ZoneInfo("Asia/Jakarta")


def paid_order(**kwargs) -> Order:
    order = order_for(**kwargs)
    order_mark_paid(order=order)
    order.refresh_from_db()
    return order


def set_paid_at(order: Order, moment: datetime) -> None:
    Order.objects.filter(pk=order.pk).update(paid_at=moment)


def test_sales_count_paid_orders_by_jakarta_day_of_payment():
    day = date(2026, 11, 15)
    just_after_midnight = paid_order()  # 00:30 in Jakarta is still the 14th in UTC
    set_paid_at(just_after_midnight, datetime(2026, 11, 15, 0, 30, tzinfo=JAKARTA))
    yesterday = paid_order()
    set_paid_at(yesterday, datetime(2026, 11, 14, 23, 30, tzinfo=JAKARTA))
    last_month = paid_order()
    set_paid_at(last_month, datetime(2026, 10, 31, 23, 59, tzinfo=JAKARTA))
    pending = order_for()
    refunded = paid_order()
    set_paid_at(refunded, datetime(2026, 11, 15, 9, 0, tzinfo=JAKARTA))
    order_cancel(order=refunded)

    totals = sales_totals(today=day)

    assert pending.total > 0
    assert totals == {
        "today": just_after_midnight.total,
        "today_count": 1,
        "month": just_after_midnight.total + yesterday.total,
        "month_count": 2,
    }
    chart = dict(sales_by_day(today=day))
    assert len(chart) == 30
    assert chart[day] == just_after_midnight.total
    assert chart[day - timedelta(days=1)] == yesterday.total
    assert chart[date(2026, 10, 31)] == last_month.total  # 30 days back reaches into October
    assert sum(chart.values()) == just_after_midnight.total + yesterday.total + last_month.total


def test_admin_sees_totals_sales_recent_orders_best_sellers_and_low_stock(client):
    guitar = stocked_product(10, name="Fender Stratocaster", low_stock_threshold=2)
    today_order = paid_order(items=[(guitar, 3)])
    earlier = paid_order()
    set_paid_at(earlier, datetime.combine(store_today(), datetime.min.time(), tzinfo=JAKARTA) - timedelta(hours=1))
    pending = order_for(items=[(stocked_product(1, name="Ibanez RG"), 1)])
    client.force_login(AdminFactory())

    response = client.get(INDEX)

    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert dashboard.sales["today"] == today_order.total
    assert dashboard.sales["month"] == today_order.total + (earlier.total if store_today().day > 1 else 0)
    assert dashboard.order_count == 3
    assert dashboard.buyer_count == 3
    assert [o.pk for o in dashboard.recent_orders] == [pending.pk, earlier.pk, today_order.pk]
    assert dashboard.best_sellers[0] == guitar
    assert "Ibanez RG" in [p.name for p in dashboard.low_stock]  # 0 left after the pending order reserved it
    html = response.content.decode()
    assert format_rupiah(today_order.total) in html
    assert reverse("admin:orders_order_change", args=[pending.pk]) in html
    assert reverse("admin:inventory_lowstockproduct_changelist") in html
    assert 'id="sales-data"' in html
    assert "js/admin-dashboard.js" in html
    assert reverse("admin:app_list", args=["orders"]) in html  # the app list is still there
    assert response.context["title"] == str(admin.site.index_title) == "Dasbor"  # "Dashboard", in Indonesian


def test_staff_see_sales_but_not_the_user_count(client):
    paid_order()
    client.force_login(StaffFactory())

    response = client.get(INDEX)

    dashboard = response.context["dashboard"]
    assert dashboard.sales is not None
    assert dashboard.recent_orders
    assert dashboard.buyer_count is None
    assert 'id="hr-sales-today"' in response.content.decode()


def test_staff_without_order_permission_see_no_sales(client):
    order = paid_order()
    staff = StaffFactory()
    staff.groups.clear()
    client.force_login(staff)

    response = client.get(INDEX)

    assert response.status_code == 200
    html = response.content.decode()
    dashboard = response.context["dashboard"]
    assert dashboard.sales is None and dashboard.recent_orders is None and dashboard.chart is None
    assert dashboard.product_count is None
    assert 'id="hr-sales-today"' not in html
    assert 'id="sales-data"' not in html
    assert order.number not in html
    assert format_rupiah(order.total) not in html


def test_buyers_are_sent_to_the_admin_login(client):
    client.force_login(UserFactory())

    response = client.get(INDEX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_dashboard_for_a_buyer_object_shows_nothing():
    dashboard = dashboard_for(UserFactory())
    assert dashboard.sales is None and dashboard.low_stock is None and dashboard.buyer_count is None


def _index_queries(client) -> int:
    cache.clear()  # the order figures are cached briefly: count the uncached page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_query_budget_does_not_grow_with_orders(client, django_assert_max_num_queries):
    admin = AdminFactory()
    client.force_login(admin)
    for _ in range(2):
        paid_order()
    with django_assert_max_num_queries(15):
        few = _index_queries(client)
    for _ in range(18):
        paid_order()
    with django_assert_max_num_queries(15):
        many = _index_queries(client)
    assert few == many
    assert len(client.get(INDEX).context["dashboard"].recent_orders) == 10
