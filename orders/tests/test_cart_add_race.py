"""Real threads on PostgreSQL, over HTTP: one buyer's quick clicks on "add to cart" from several tabs
all count, and none takes the line past the stock (the sum is the database's, in one statement)."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from hurtrock.testing.factories import UserFactory
from orders.models import CartItem
from orders.tests.factories import stocked_product

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="parallel connections need PostgreSQL (CI runs this)"),
    pytest.mark.django_db(transaction=True),
]


def test_parallel_adds_by_one_buyer_all_count_up_to_the_stock_and_no_further():
    product = stocked_product(8)
    user = UserFactory()
    signed_in = Client()
    signed_in.force_login(user)
    cookies = signed_in.cookies
    clicks = 12
    barrier = threading.Barrier(clicks)
    statuses: list[int] = []
    errors: list[Exception] = []

    def click():
        client = Client(HTTP_ACCEPT="application/json")
        client.cookies = cookies  # the same signed-in session: one buyer, many tabs
        try:
            barrier.wait()
            response = client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": "1"})
            statuses.append(response.status_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(statuses) == [200] * 8 + [400] * 4
    assert CartItem.objects.get(user=user, product=product).quantity == 8
