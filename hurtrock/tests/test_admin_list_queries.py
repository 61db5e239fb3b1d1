"""Query budgets of the admin lists whose layout changed (money columns, cancel confirmation)."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import AdminFactory
from inventory.tests.factories import stocked_product
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db


def _paid_order():
    order_mark_paid(order=order_for(items=[(stocked_product(5, price=2_049_000), 1)]))


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("admin:orders_order_changelist", _paid_order),
        ("admin:catalog_product_changelist", lambda: stocked_product(3, price=2_049_000)),
        ("admin:inventory_lowstockproduct_changelist", lambda: stocked_product(1, low_stock_threshold=5)),
        ("admin:shipping_shippingservice_changelist", lambda: None),
    ],
)
def test_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, url_name, make):
    client.force_login(AdminFactory())
    for _ in range(2):
        make()
    with django_assert_max_num_queries(15) as small:
        assert client.get(reverse(url_name)).status_code == 200
    for _ in range(15):
        make()

    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    print(f"\n{url_name}: {len(small.captured_queries)} queries at 2 rows, {len(large.captured_queries)} at 17")


def test_the_cancel_confirmation_page_has_a_fixed_budget(client, django_assert_max_num_queries):
    client.force_login(AdminFactory())
    order = order_for(items=[(stocked_product(5), 1), (stocked_product(5), 2), (stocked_product(5), 1)])

    with django_assert_max_num_queries(8):
        response = client.get(reverse("admin:orders_order_cancel", args=[order.pk]))

    assert response.status_code == 200
