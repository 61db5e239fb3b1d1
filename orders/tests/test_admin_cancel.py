"""Cancelling from the admin takes two steps: a page that says what will happen, then a red button."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from hurtrock.roles import STAFF_GROUP_NAME
from hurtrock.testing.factories import StaffFactory, UserFactory
from orders.models import Order, OrderStatus
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def _cancel_url(order):
    return reverse("admin:orders_order_cancel", args=[order.pk])


def test_the_order_page_links_to_the_confirmation_styled_as_danger(staff_client):
    order = order_for()

    body = staff_client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()

    assert f'class="button hr-danger" href="{_cancel_url(order)}"' in body
    assert 'value="cancelled"' not in body  # no one-click cancel form on the order page


def test_posting_cancel_without_confirmation_only_redirects_to_the_confirmation(staff_client):
    order = order_for()

    response = staff_client.post(
        reverse("admin:orders_order_transition", args=[order.pk]), {"to_status": "cancelled", "note": "x"}
    )

    assert response.status_code == 302 and response["Location"] == _cancel_url(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_the_confirmation_says_what_happens_and_the_red_button_cancels(staff_client):
    order = order_for()
    order_mark_paid(order=order)
    line = order.lines.get()

    page = staff_client.get(_cancel_url(order)).content.decode()
    done = staff_client.post(
        reverse("admin:orders_order_transition", args=[order.pk]),
        {"to_status": "cancelled", "confirmed": "1", "note": "Buyer asked"},
    )

    assert line.product_name in page and "hr-danger" in page and 'name="confirmed" value="1"' in page
    assert "refund" in page.lower() or "pengembalian" in page.lower()
    assert done.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and order.is_refund_due
    assert order.events.filter(to_status="cancelled", note="Buyer asked").exists()


def test_a_final_order_has_no_confirmation_page(staff_client):
    order = order_for()
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.DELIVERED)

    response = staff_client.get(_cancel_url(order))

    assert response.status_code == 302 and response["Location"].endswith(f"/{order.pk}/change/")


def test_staff_without_change_permission_get_403(client):
    order = order_for()
    staff = StaffFactory()
    staff.groups.remove(Group.objects.get(name=STAFF_GROUP_NAME))
    client.force_login(staff)
    buyer_client = Client()
    buyer_client.force_login(UserFactory())

    assert client.get(_cancel_url(order)).status_code == 403
    assert buyer_client.get(_cancel_url(order)).status_code == 302  # to the admin login
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


def test_bulk_cancel_asks_first_then_cancels(staff_client):
    first, second = order_for(), order_for()
    changelist = reverse("admin:orders_order_changelist")
    chosen = {"action": "mark_cancelled", "_selected_action": [first.pk, second.pk]}

    asked = staff_client.post(changelist, chosen)
    untouched = set(Order.objects.values_list("status", flat=True))
    confirmed = staff_client.post(changelist, {**chosen, "confirmed": "1"})

    assert asked.status_code == 200 and first.number in asked.content.decode()
    assert "hr-danger" in asked.content.decode()
    assert untouched == {OrderStatus.PENDING}
    assert confirmed.status_code == 302
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.CANCELLED}


def test_to_ship_lists_paid_and_processing_orders_oldest_first(staff_client):
    from datetime import timedelta

    from django.utils import timezone

    newer, older, pending = order_for(), order_for(), order_for()
    for order in (newer, older):
        order_mark_paid(order=order)
    Order.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - timedelta(days=2), status=OrderStatus.PROCESSING
    )
    listing = staff_client.get(reverse("admin:orders_order_changelist"))

    response = staff_client.get(reverse("admin:orders_order_changelist"), {"status__in": "paid,processing", "o": "2"})

    assert "data-to-ship" in listing.content.decode()
    assert [o.pk for o in response.context["cl"].result_list] == [older.pk, newer.pk]
    assert pending.pk not in [o.pk for o in response.context["cl"].result_list]
