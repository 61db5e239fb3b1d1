"""Order admin: list, filters, search, read-only detail, status actions along the pipeline, labels."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pypdf import PdfReader

from hurtrock.roles import STAFF_GROUP_NAME
from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from orders.models import Order, OrderStatus
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:orders_order_changelist")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def change_url(order):
    return reverse("admin:orders_order_change", args=[order.pk])


def transition(client, order, to_status, note=""):
    return client.post(
        reverse("admin:orders_order_transition", args=[order.pk]), {"to_status": to_status, "note": note}, follow=True
    )


def test_changelist_filters_and_search(staff_client):
    pending = order_for()
    paid = order_for()
    order_mark_paid(order=paid)

    everything = staff_client.get(CHANGELIST)
    only_paid = staff_client.get(CHANGELIST, {"status__exact": "paid"})
    by_number = staff_client.get(CHANGELIST, {"q": pending.number})
    by_customer = staff_client.get(CHANGELIST, {"q": paid.user.email})
    by_courier = staff_client.get(CHANGELIST, {"shipping_courier": "JNE", "payment_method__exact": "bank_transfer"})

    assert everything.status_code == 200
    assert {o.pk for o in everything.context["cl"].result_list} == {pending.pk, paid.pk}
    assert [o.pk for o in only_paid.context["cl"].result_list] == [paid.pk]
    assert [o.pk for o in by_number.context["cl"].result_list] == [pending.pk]
    assert [o.pk for o in by_customer.context["cl"].result_list] == [paid.pk]
    assert by_courier.context["cl"].result_count == 2
    assert everything.context["cl"].list_per_page == 25


def test_order_page_shows_lines_customer_and_allowed_actions_only(staff_client):
    order = order_for()

    body = staff_client.get(change_url(order)).content.decode()

    line = order.lines.get()
    assert line.product_name in body and order.user.email in body and order.phone in body
    assert 'data-transition="paid"' in body and 'data-transition="cancelled"' in body
    assert 'data-transition="delivered"' not in body and 'data-transition="shipped"' not in body
    assert 'name="quantity"' not in body  # lines are read-only


def test_staff_marks_paid_then_shipped_from_the_order_page(staff_client):
    order = order_for()

    paid = transition(staff_client, order, "paid", note="BCA ref 1234")
    shipped = staff_client.post(
        reverse("admin:orders_order_ship", args=[order.pk]),
        {"courier": "JNE", "tracking_number": "JNE555000111"},
        follow=True,
    )

    assert paid.status_code == shipped.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED and order.tracking_number == "JNE555000111"
    events = list(order.events.values_list("to_status", "user__email", "note"))
    assert events[1] == ("paid", paid.wsgi_request.user.email, "BCA ref 1234")
    assert [e[0] for e in events] == ["pending", "paid", "processing", "shipped"]


def test_an_illegal_transition_is_refused_with_a_message(staff_client):
    order = order_for()

    response = transition(staff_client, order, "delivered")

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert order.events.count() == 1


def test_shipping_without_a_tracking_number_is_refused(staff_client):
    order = order_for()
    order_mark_paid(order=order)

    response = staff_client.post(reverse("admin:orders_order_ship", args=[order.pk]), {"courier": "JNE"})

    assert response.status_code == 200 and response.context["form"].errors
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID


def test_bulk_actions_follow_the_pipeline(staff_client):
    pending, other = order_for(), order_for()
    order_mark_paid(order=other)

    response = staff_client.post(
        CHANGELIST, {"action": "mark_paid", "_selected_action": [pending.pk, other.pk]}, follow=True
    )

    assert Order.objects.get(pk=pending.pk).status == OrderStatus.PAID
    assert Order.objects.get(pk=other.pk).status == OrderStatus.PAID
    levels = sorted(m.level_tag for m in response.context["messages"])
    assert levels == ["info", "warning"]  # one done, one refused (already paid)


def test_label_pdf_for_one_and_for_many_orders(staff_client):
    first, second, third = order_for(), order_for(), order_for()

    one = staff_client.get(reverse("admin:orders_order_label", args=[first.pk]))
    many = staff_client.post(
        CHANGELIST, {"action": "print_labels", "_selected_action": [first.pk, second.pk, third.pk]}
    )

    assert one["Content-Type"] == "application/pdf"
    assert len(PdfReader_bytes(one.content).pages) == 1
    reader = PdfReader_bytes(many.content)
    assert len(reader.pages) == 3
    texts = [page.extract_text() for page in reader.pages]
    assert [any(o.number in t for t in texts) for o in (first, second, third)] == [True, True, True]
    assert first.recipient_name in texts[0] and "Hurtrock Music Store" in texts[0]


def PdfReader_bytes(data):  # noqa: N802 - reads like the class it wraps
    import io

    return PdfReader(io.BytesIO(data))


def test_orders_cannot_be_added_or_deleted_in_the_admin(client):
    order = order_for()
    client.force_login(AdminFactory())

    assert client.get(reverse("admin:orders_order_add")).status_code == 403
    assert client.get(reverse("admin:orders_order_delete", args=[order.pk])).status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "buyer", "staff_without_permission"])
def test_status_and_labels_are_refused_outside_staff_with_the_permission(client, who):
    order = order_for()
    if who == "buyer":
        client.force_login(UserFactory())
    elif who == "staff_without_permission":
        staff = StaffFactory()
        staff.groups.remove(Group.objects.get(name=STAFF_GROUP_NAME))
        client.force_login(staff)

    changed = client.post(reverse("admin:orders_order_transition", args=[order.pk]), {"to_status": "paid"})
    label = client.get(reverse("admin:orders_order_label", args=[order.pk]))
    listing = client.get(CHANGELIST)

    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING
    assert changed.status_code in (302, 403) and label.status_code in (302, 403)
    assert listing.status_code in (302, 403)
    assert b"%PDF" not in label.content and order.number.encode() not in listing.content
    if who != "staff_without_permission":
        assert changed.url.startswith(reverse("admin:login"))


def test_a_status_note_reaches_the_buyer_only_when_staff_tick_show_to_buyer(staff_client, client):
    order = order_for()
    staff_client.post(
        reverse("admin:orders_order_transition", args=[order.pk]),
        {"to_status": "paid", "note": "Terima kasih, transfer sudah masuk", "note_is_public": "on"},
    )
    staff_client.post(
        reverse("admin:orders_order_transition", args=[order.pk]),
        {"to_status": "processing", "note": "Ambil dari rak B3"},
    )
    client.force_login(order.user)
    body = client.get(order.get_absolute_url()).content.decode()
    assert "Terima kasih, transfer sudah masuk" in body
    assert "Ambil dari rak B3" not in body
