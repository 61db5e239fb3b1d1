"""Product performance: units, revenue, cost, margin, share, cover, dead stock; filters, sort, export."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from hurtrock.roles import STAFF_GROUP_NAME
from hurtrock.testing.factories import StaffFactory
from inventory.tests.factories import SupplierFactory, stocked_product
from orders.models import Order
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db
URL = reverse("admin:reports_product_performance")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def _sell(product, quantity, days_ago=1):
    order = order_for(items=[(product, quantity)])
    order_mark_paid(order=order)
    Order.objects.filter(pk=order.pk).update(paid_at=timezone.now() - timedelta(days=days_ago))


def test_figures_per_product_with_dead_stock(staff_client):
    supplier = SupplierFactory()
    guitar = stocked_product(13, name="Gibson Les Paul", brand="Gibson", price=2_000_000, supplier=supplier)
    Product.objects.filter(pk=guitar.pk).update(average_cost=1_500_000)
    pedal = stocked_product(10, name="Boss DS-1", brand="Boss", price=1_000_000)
    dusty = stocked_product(4, name="Old Amp", brand="Laney", price=3_000_000)
    _sell(guitar, 3)
    _sell(pedal, 2)
    _sell(dusty, 1, days_ago=200)

    response = staff_client.get(URL)
    rows = {row.name: row for row in response.context["page"].object_list}

    g = rows["Gibson Les Paul"]
    assert (g.units, g.revenue, int(g.cost), int(g.margin)) == (3, 6_000_000, 4_500_000, 1_500_000)
    assert float(g.margin_pct) == 25.0 and float(g.share) == 75.0
    assert float(g.cover_days) == 100.0  # 10 left ÷ (3 sold / 30 days)
    assert rows["Old Amp"].units == 0 and rows["Old Amp"].is_dead and not g.is_dead
    assert [row.name for row in response.context["page"].object_list][:2] == ["Gibson Les Paul", "Boss DS-1"]
    assert "Rp 1.500.000" in response.content.decode()

    by_brand = staff_client.get(URL, {"brand": "Boss"}).context["page"].object_list
    by_supplier = staff_client.get(URL, {"supplier": supplier.pk}).context["page"].object_list
    by_stock = staff_client.get(URL, {"sort": "stock"}).context["page"].object_list
    assert [row.name for row in by_brand] == ["Boss DS-1"]
    assert [row.name for row in by_supplier] == ["Gibson Les Paul"]
    assert by_stock[0].name == "Old Amp"


def test_export_csv(staff_client):
    _sell(stocked_product(5, name="Ibanez RG", sku="IBZ-RG", price=4_000_000), 1)

    response = staff_client.get(URL, {"export": "csv"})

    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "IBZ-RG" in body and "4000000" in body


def test_query_budget_at_two_sizes(staff_client, django_assert_max_num_queries):
    for _ in range(2):
        _sell(stocked_product(5), 1)
    with django_assert_max_num_queries(12) as small:
        staff_client.get(URL)
    for _ in range(12):
        _sell(stocked_product(5), 1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(URL).status_code == 200


def test_staff_without_the_reports_permission_get_403(client):
    staff = StaffFactory()
    staff.groups.remove(Group.objects.get(name=STAFF_GROUP_NAME))
    client.force_login(staff)

    assert client.get(URL).status_code == 403
