"""Returns: the window, the quantities, the pipeline, restock through the ledger, the buyer's pages."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from hurtrock.testing.factories import AdminFactory, CompleteProfileUserFactory, StaffFactory
from inventory.models import StockMovement
from orders.models import Order, OrderEvent, ReturnDisposition, ReturnPhoto, ReturnRequest, ReturnStatus
from orders.services.returns import (
    ReturnError,
    ReturnLineRequest,
    return_approve,
    return_receive,
    return_reject,
    return_request_create,
)
from orders.tests.factories import order_for
from orders.tests.returns_helpers import bank_paid_delivered, deliver, photo

pytestmark = pytest.mark.django_db


def ask(order, quantities, **kwargs):
    lines = [ReturnLineRequest(order_line_id=line.pk, quantity=q) for line, q in zip(order.lines.all(), quantities)]
    return return_request_create(
        order=order, user=order.user, lines=lines, reason=kwargs.pop("reason", "Rusak"), **kwargs
    )


def ledger(product):
    return StockMovement.objects.filter(product=product).aggregate(total=Sum("quantity"))["total"]


def test_a_return_cannot_exceed_what_was_bought_nor_what_is_left():
    order = bank_paid_delivered()
    with pytest.raises(ReturnError):
        ask(order, [3, 0])  # bought 2
    first = ask(order, [1, 0])
    assert first.refund_amount == 1_000_000 and not first.includes_shipping
    with pytest.raises(ReturnError):
        ask(order, [2, 0])  # one is already on its way back
    assert ReturnRequest.objects.filter(order=order).count() == 1


def test_a_rejected_return_frees_its_quantities():
    order = bank_paid_delivered()
    rejected = ask(order, [2, 1])
    with pytest.raises(ReturnError):
        return_reject(return_request=rejected, user=AdminFactory(), note="")
    return_reject(return_request=rejected, user=AdminFactory(), note="Used, not faulty")
    again = ask(order, [2, 1])
    assert again.status == ReturnStatus.REQUESTED


def test_no_return_after_the_window_nor_before_delivery(settings):
    settings.RETURN_WINDOW_DAYS = 7
    pending = order_for()
    with pytest.raises(ReturnError):
        ask(pending, [1])
    order = bank_paid_delivered()
    Order.objects.filter(pk=order.pk).update(delivered_at=timezone.now() - timedelta(days=7, minutes=1))
    order.refresh_from_db()
    with pytest.raises(ReturnError, match="7"):
        ask(order, [1, 0])
    Order.objects.filter(pk=order.pk).update(delivered_at=timezone.now() - timedelta(days=6))
    order.refresh_from_db()
    assert ask(order, [1, 0]).pk


def test_only_the_buyer_can_ask_and_nothing_is_saved_otherwise():
    order = bank_paid_delivered()
    line = order.lines.first()
    with pytest.raises(ReturnError):
        return_request_create(
            order=order,
            user=CompleteProfileUserFactory(),
            lines=[ReturnLineRequest(order_line_id=line.pk, quantity=1)],
            reason="Mine now",
        )
    assert not ReturnRequest.objects.exists()


def test_the_whole_order_back_refunds_the_shipping_too():
    order = bank_paid_delivered()
    whole = ask(order, [2, 1])
    assert whole.includes_shipping and whole.refund_amount == order.total


def test_restock_puts_the_goods_back_through_the_ledger_once(mailoutbox, django_capture_on_commit_callbacks):
    order = bank_paid_delivered()
    staff = AdminFactory()
    product = order.lines.first().product
    product.refresh_from_db()
    before = product.stock_quantity
    with django_capture_on_commit_callbacks(execute=True):
        item = ask(order, [2, 0], photos=[photo()])
        return_approve(return_request=item, user=staff, note="Kirim ke toko")
        return_receive(return_request=item, user=staff, disposition=ReturnDisposition.RESTOCK)
    with pytest.raises(ReturnError):
        return_receive(return_request=item, user=staff, disposition=ReturnDisposition.RESTOCK)
    product.refresh_from_db()
    assert product.stock_quantity == before + 2 == ledger(product)
    assert product.units_sold == 0  # the two sold units came back
    movement = StockMovement.objects.get(product=product, reason=StockMovement.Reason.RETURN)
    assert movement.quantity == 2 and order.number in movement.reference
    assert ReturnPhoto.objects.get(return_request=item).image.name.startswith("return-photos/")
    notes = list(OrderEvent.objects.filter(order=order).values_list("note", flat=True))
    assert sum("eturn" in n or "Retur" in n or "Pengembalian" in n for n in notes) >= 3
    assert len(mailoutbox) >= 3 and all(order.email in m.to for m in mailoutbox[-3:])


def test_write_off_leaves_the_stock_alone():
    order = bank_paid_delivered()
    staff = AdminFactory()
    product = Product.objects.get(pk=order.lines.first().product_id)
    item = ask(order, [1, 0])
    return_approve(return_request=item, user=staff)
    return_receive(return_request=item, user=staff, disposition=ReturnDisposition.WRITE_OFF)
    product.refresh_from_db()
    assert not StockMovement.objects.filter(product=product, reason=StockMovement.Reason.RETURN).exists()
    assert product.stock_quantity == ledger(product)


def test_a_photo_that_is_not_an_image_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    order = bank_paid_delivered()
    with pytest.raises(ReturnError):
        ask(order, [1, 0], photos=[SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")])
    assert not ReturnRequest.objects.exists()


# --- the buyer's page ------------------------------------------------------------------------------
def test_the_buyer_requests_a_return_from_the_order_page(client):
    order = bank_paid_delivered()
    client.force_login(order.user)
    detail = client.get(order.get_absolute_url())
    url = reverse("orders:return_request", args=[order.number])
    assert url in detail.content.decode()
    assert client.get(url).status_code == 200
    first, second = order.lines.all()
    response = client.post(
        url, {f"qty_{first.pk}": "1", f"qty_{second.pk}": "0", "reason": "Senar putus", "photos": [photo()]}
    )
    assert response.status_code == 302
    item = ReturnRequest.objects.get(order=order)
    assert item.lines.get().quantity == 1 and item.photos.count() == 1
    too_many = client.post(url, {f"qty_{first.pk}": "5", "reason": "Lagi"})
    assert too_many.status_code == 400 and ReturnRequest.objects.count() == 1


def test_other_buyers_staff_and_visitors_cannot_request_a_return(client):
    order = bank_paid_delivered()
    url = reverse("orders:return_request", args=[order.number])
    line = order.lines.first()
    assert client.get(url).status_code == 302  # to the login page
    for user in (CompleteProfileUserFactory(), StaffFactory()):
        client.force_login(user)
        assert client.post(url, {f"qty_{line.pk}": "1", "reason": "x"}).status_code == 404
    assert not ReturnRequest.objects.exists()


def test_staff_step_through_a_return_in_the_admin_with_the_permission_only(client):
    order = bank_paid_delivered()
    item = ask(order, [1, 0])
    step = reverse("admin:orders_returnrequest_step", args=[item.pk])
    without = StaffFactory()
    without.groups.clear()
    client.force_login(without)
    assert client.post(step, {"step": "approve"}).status_code == 403
    item.refresh_from_db()
    assert item.status == ReturnStatus.REQUESTED
    client.force_login(StaffFactory())  # staff run orders: returns too, but refunds need an admin's grant
    page = client.get(reverse("admin:orders_returnrequest_change", args=[item.pk]))
    assert page.status_code == 200 and b'data-return-step="approve"' in page.content
    client.post(step, {"step": "approve"})
    client.post(step, {"step": "restock"})
    item.refresh_from_db()
    assert item.status == ReturnStatus.RECEIVED and item.disposition == ReturnDisposition.RESTOCK
    assert (
        b'data-return-step="refund"'
        not in client.get(reverse("admin:orders_returnrequest_change", args=[item.pk])).content
    )
    client.post(step, {"step": "refund"})
    item.refresh_from_db()
    assert item.status == ReturnStatus.RECEIVED and item.refunded_amount == 0
    assert client.get(reverse("admin:orders_returnrequest_changelist")).status_code == 200


def test_the_admin_list_of_returns_has_a_fixed_query_budget(client, django_assert_max_num_queries):
    client.force_login(AdminFactory())
    url = reverse("admin:orders_returnrequest_changelist")
    for size in (1, 4):
        while ReturnRequest.objects.count() < size:
            ask(bank_paid_delivered(), [1, 0])
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_a_shipped_order_has_no_return_link(client):
    order = order_for()
    client.force_login(order.user)
    assert (
        reverse("orders:return_request", args=[order.number])
        not in client.get(order.get_absolute_url()).content.decode()
    )
    assert deliver  # the helper is imported for the other tests
