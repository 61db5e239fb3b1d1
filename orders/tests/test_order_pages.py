"""The buyer's order pages: only the owner (and staff) see an order; the timeline shows its history."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from hurtrock.roles import STAFF_GROUP_NAME
from hurtrock.testing.factories import CompleteProfileUserFactory, StaffFactory, UserFactory
from orders.services import order_mark_paid, order_mark_shipped
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db


def test_buyer_a_cannot_see_buyer_bs_order(client):
    order_b = order_for()
    buyer_a = CompleteProfileUserFactory()
    own = order_for(user=buyer_a)
    client.force_login(buyer_a)

    detail = client.get(reverse("orders:order_detail", args=[order_b.number]))
    listing = client.get(reverse("orders:order_list")).content.decode()

    assert detail.status_code == 404
    leaked = detail.content.decode()
    assert order_b.recipient_name not in leaked and order_b.street not in leaked and order_b.phone not in leaked
    assert own.number in listing and order_b.number not in listing


def test_anonymous_visitors_are_asked_to_sign_in(client):
    order = order_for()

    for url in (reverse("orders:order_list"), order.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_staff_with_the_view_permission_can_see_any_order(client):
    order = order_for()
    client.force_login(StaffFactory())

    response = client.get(order.get_absolute_url())

    assert response.status_code == 200 and order.number in response.content.decode()


def test_staff_without_the_orders_permission_cannot(client):
    order = order_for()
    staff = StaffFactory()
    staff.groups.remove(Group.objects.get(name=STAFF_GROUP_NAME))
    client.force_login(staff)

    assert client.get(order.get_absolute_url()).status_code == 404


def test_an_unknown_number_is_404(client):
    client.force_login(UserFactory())

    assert client.get(reverse("orders:order_detail", args=["HR-2026-NOPE22"])).status_code == 404


def test_the_tracking_timeline_shows_events_courier_and_tracking_number(client):
    order = order_for()
    order_mark_paid(order=order, note="BCA 5521")
    order_mark_shipped(
        order=order, courier="JNE", tracking_number="JNE0123456789", note="Dus dobel", note_is_public=True
    )
    client.force_login(order.user)

    body = client.get(order.get_absolute_url()).content.decode()
    assert "BCA 5521" not in body  # a staff note is internal unless shown to the buyer
    assert "Dus dobel" in body

    for status in ("pending", "paid", "processing", "shipped"):
        assert f'data-event="{status}"' in body
    assert body.index('data-event="pending"') < body.index('data-event="shipped"')
    assert "JNE0123456789" in body
    assert "data-bank-transfer" not in body  # paid: no more payment instructions


def test_the_order_list_is_paginated(client):
    user = CompleteProfileUserFactory()
    for _ in range(12):
        order_for(user=user)
    client.force_login(user)

    first = client.get(reverse("orders:order_list"))
    second = client.get(reverse("orders:order_list"), {"page": 2})

    assert len(first.context["page_obj"].object_list) == 10
    assert len(second.context["page_obj"].object_list) == 2


def test_internal_notes_are_shown_to_staff_marked_internal_and_never_to_the_buyer(client):
    order = order_for()
    order_mark_paid(order=order, note="Cek mutasi BCA: cocok")
    client.force_login(StaffFactory())
    staff_page = client.get(order.get_absolute_url()).content.decode()
    assert "data-event-internal-note" in staff_page and "Cek mutasi BCA: cocok" in staff_page
    client.force_login(order.user)
    buyer_page = client.get(order.get_absolute_url()).content.decode()
    assert "Cek mutasi BCA: cocok" not in buyer_page
