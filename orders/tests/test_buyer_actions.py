"""Buyer self-service: cancel an unpaid order (stock back once), confirm receipt of a shipped one,
auto-deliver after ORDER_AUTO_DELIVER_DAYS; events rendered in the reader's language."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import Product
from hurtrock.testing.factories import CompleteProfileUserFactory, StaffFactory
from inventory.models import StockMovement
from orders.errors import OrderError
from orders.events import EVENT_TEXTS, order_event_record
from orders.models import Order, OrderEvent, OrderStatus
from orders.services import (
    order_cancel_by_buyer,
    order_confirm_receipt,
    order_mark_paid,
    order_mark_shipped,
    orders_auto_deliver,
)
from orders.tests.factories import order_for, stocked_product
from orders.tracking import tracking_url

pytestmark = pytest.mark.django_db


def _stock(product) -> int:
    return Product.objects.get(pk=product.pk).stock_quantity


def test_buyer_cancels_an_unpaid_order_after_confirming_and_gets_stock_back_once(client):
    product = stocked_product(5)
    order = order_for(items=[(product, 2)])
    assert _stock(product) == 3
    client.force_login(order.user)

    detail = client.get(order.get_absolute_url()).content.decode()
    assert "data-cancel-order" in detail
    confirm = client.get(reverse("orders:order_cancel", args=[order.number]))
    assert confirm.status_code == 200 and b"data-confirm-cancel" in confirm.content
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING  # GET changes nothing

    client.post(reverse("orders:order_cancel", args=[order.number]))
    client.post(reverse("orders:order_cancel", args=[order.number]))  # a double submit

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert _stock(product) == 5
    ledger = StockMovement.objects.filter(product=product).aggregate(total=Sum("quantity"))["total"]
    assert ledger == 5
    assert OrderEvent.objects.filter(order=order, code="cancelled_by_buyer").count() == 1


def test_cancel_is_refused_after_payment_and_for_someone_elses_order(client):
    product = stocked_product(5)
    order = order_for(items=[(product, 1)])
    other = CompleteProfileUserFactory()
    with pytest.raises(OrderError):
        order_cancel_by_buyer(order=order, user=other)
    client.force_login(other)
    assert client.post(reverse("orders:order_cancel", args=[order.number])).status_code == 404

    order_mark_paid(order=order, user=StaffFactory())
    with pytest.raises(OrderError):
        order_cancel_by_buyer(order=order, user=order.user)
    client.force_login(order.user)
    assert b"data-cancel-order" not in client.get(order.get_absolute_url()).content
    client.post(reverse("orders:order_cancel", args=[order.number]))
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID
    assert _stock(product) == 4


def test_confirm_receipt_only_by_the_owner_and_only_when_shipped(client):
    order = order_for()
    with pytest.raises(OrderError):
        order_confirm_receipt(order=order, user=order.user)  # pending
    order_mark_paid(order=order)
    order_mark_shipped(order=order, courier="JNE", tracking_number="JNE0001")
    with pytest.raises(OrderError):
        order_confirm_receipt(order=order, user=CompleteProfileUserFactory())
    staff = StaffFactory()
    client.force_login(staff)
    assert client.post(reverse("orders:order_received", args=[order.number])).status_code == 404
    assert Order.objects.get(pk=order.pk).status == OrderStatus.SHIPPED

    client.force_login(order.user)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "data-confirm-receipt" in page
    assert 'href="https://www.jne.co.id/tracking-package?resi=JNE0001"' in page
    client.post(reverse("orders:order_received", args=[order.number]))
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and order.delivered_at is not None
    assert order.events.last().code == "received_by_buyer"


def test_auto_deliver_after_the_configured_days(settings):
    settings.ORDER_AUTO_DELIVER_DAYS = 10
    old, recent = order_for(), order_for()
    for order in (old, recent):
        order_mark_paid(order=order)
        order_mark_shipped(order=order, courier="SiCepat", tracking_number="SC1")
    Order.objects.filter(pk=old.pk).update(shipped_at=timezone.now() - timedelta(days=11))

    assert orders_auto_deliver() == 1
    call_command("auto_deliver_orders")  # nothing left to do: no second event
    assert Order.objects.get(pk=old.pk).status == OrderStatus.DELIVERED
    assert Order.objects.get(pk=recent.pk).status == OrderStatus.SHIPPED
    assert OrderEvent.objects.filter(order=old, code="auto_delivered").count() == 1


def test_events_are_shown_in_the_readers_language(client):
    order = order_for(language="id")
    order_mark_paid(order=order)
    order_mark_shipped(order=order, courier="JNE", tracking_number="JNE777")
    event = order.events.get(code="shipped")
    with translation.override("en"):
        assert order.events.first().text == "Order placed."
        assert event.text == "Shipped with JNE, tracking number JNE777."
    with translation.override("id"):
        assert order.events.first().text == "Pesanan dibuat."
        assert event.text == "Dikirim dengan JNE, nomor resi JNE777."
    client.force_login(order.user)
    english = client.get(order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Order placed." in english and "Pesanan dibuat." not in english


def test_every_event_code_has_an_indonesian_text():
    with translation.override("en"):
        english = {code: str(text) for code, text in EVENT_TEXTS.items()}
    with translation.override("id"):
        untranslated = [code for code, text in EVENT_TEXTS.items() if str(text) == english[code]]
    assert untranslated == []


def test_unknown_codes_are_refused():
    with pytest.raises(ValueError):
        order_event_record(order_for(), "no-such-code")


@pytest.mark.parametrize(
    ("courier", "expected"),
    [
        ("JNE", "https://www.jne.co.id/tracking-package?resi=AB%201"),
        ("J&T Express", "https://jet.co.id/track?awb=AB%201"),
        ("SiCepat", "https://www.sicepat.com/checkAwb?awb=AB%201"),
        ("POS Indonesia", "https://www.posindonesia.co.id/id/tracking?barcode=AB%201"),
        ("Kurir Toko", ""),
    ],
)
def test_tracking_links_go_to_the_couriers_own_page(courier, expected):
    assert tracking_url(courier=courier, number="AB 1") == expected


def test_the_invoice_pdf_shows_number_lines_total_and_store_numbers(client):
    import io

    from pypdf import PdfReader

    from orders.tests.factories import bank_account_configure

    product = stocked_product(5)
    order = order_for(items=[(product, 2)])
    bank_account_configure(tax_number="01.234.567.8-901.000", business_license="NIB 9120001234567")
    client.force_login(order.user)
    invoice_url = reverse("orders:order_invoice", args=[order.number])
    assert client.get(invoice_url).status_code == 404  # unpaid: no invoice yet

    order_mark_paid(order=order)
    response = client.get(invoice_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert order.number in flat
    assert product.name in flat and product.sku in flat
    assert f"Rp {order.total:,}".replace(",", ".") in flat
    assert "01.234.567.8-901.000" in flat and "NIB 9120001234567" in flat

    client.force_login(CompleteProfileUserFactory())
    assert client.get(invoice_url).status_code == 404  # someone else's


@pytest.mark.parametrize("orders", [1, 11])
def test_order_list_costs_the_same_whatever_the_number_of_orders(client, django_assert_max_num_queries, orders):
    user = CompleteProfileUserFactory()
    for _ in range(orders):
        order_for(user=user)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("orders:order_list")).content.decode()
    assert body.count("data-order=") == min(orders, 10)
