"""The one confirmation service: expiry races, double payments, reconciliation, refunds."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Sum

from inventory.models import StockMovement
from inventory.services import stock_reserve
from orders.models import OrderEvent, OrderStatus, PaymentMethod
from orders.services import order_cancel, orders_expire_unpaid
from payments.errors import RefundError
from payments.models import Payment, PaymentStatus, Refund, RefundKind, RefundStatus
from payments.services import payment_refund, payments_reconcile
from payments.tests.factories import started

pytestmark = pytest.mark.django_db


def expire(order):
    orders_expire_unpaid(now=order.payment_due_at + timedelta(seconds=1))
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


def ledger(product):
    return StockMovement.objects.filter(product=product).aggregate(total=Sum("quantity"))["total"]


def test_payment_after_expiry_reserves_the_stock_again(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS, stock=3)
    product = order.lines.get().product
    expire(order)
    product.refresh_from_db()
    assert product.stock_quantity == 3

    midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
    client.post(
        "/payments/midtrans/notification/",
        midtrans_gateway.notification_body(payment.provider_reference),
        content_type="application/json",
    )

    order.refresh_from_db()
    product.refresh_from_db()
    assert order.status == OrderStatus.PAID and not order.is_refund_due and order.cancelled_at is None
    assert product.stock_quantity == 2 == ledger(product)
    assert order.events.get(to_status=OrderStatus.PAID).from_status == OrderStatus.EXPIRED


def test_payment_after_expiry_with_the_stock_gone_is_refund_due_and_staff_are_told(
    stripe_gateway, client, mailoutbox, django_capture_on_commit_callbacks
):
    order, payment = started(PaymentMethod.STRIPE, stock=1)
    product = order.lines.get().product
    expire(order)
    stock_reserve(lines=[(product, 1)], reference="order:someone-else")  # the last unit sold meanwhile

    stripe_gateway.pay(payment.provider_reference, send=False)
    body, signature = stripe_gateway.event_payload("checkout.session.completed", payment.provider_reference)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/payments/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
        )

    assert response.status_code == 200
    order.refresh_from_db()
    payment.refresh_from_db()
    product.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED and order.is_refund_due
    assert payment.status == PaymentStatus.PAID and payment.is_flagged and order.number in payment.flag_reason
    assert product.stock_quantity == 0 == ledger(product)
    assert OrderEvent.objects.filter(order=order, from_status="expired", to_status="expired").count() == 1
    assert any("needs attention" in m.subject or "perhatian" in m.subject for m in mailoutbox)


def test_a_second_payment_for_a_paid_order_is_flagged_for_refund(midtrans_gateway, client):
    order, first = started(PaymentMethod.MIDTRANS)
    from payments.services import payment_start

    second = payment_start(order=order, user=order.user, restart=True)
    for payment in (first, second):
        midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
        client.post(
            "/payments/midtrans/notification/",
            midtrans_gateway.notification_body(payment.provider_reference),
            content_type="application/json",
        )
    order.refresh_from_db()
    second.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.is_refund_due
    assert second.status == PaymentStatus.PAID and second.is_flagged
    assert OrderEvent.objects.filter(order=order, to_status=OrderStatus.PAID, from_status="pending").count() == 1


def test_reconciliation_fixes_payments_whose_notification_was_never_sent(midtrans_gateway, stripe_gateway):
    from payments.tests.conftest import configure_stripe

    configure_stripe()
    m_order, m_payment = started(PaymentMethod.MIDTRANS)
    s_order, s_payment = started(PaymentMethod.STRIPE)
    midtrans_gateway.set_status(m_payment.provider_reference, "settlement", notify=False)
    stripe_gateway.pay(s_payment.provider_reference, send=False)

    assert payments_reconcile()["changed"] == 0  # too young: notifications may still come
    counts = payments_reconcile(older_than_minutes=0)
    assert counts["changed"] == 2
    m_order.refresh_from_db()
    s_order.refresh_from_db()
    assert m_order.status == s_order.status == OrderStatus.PAID
    assert payments_reconcile(older_than_minutes=0) == {}  # nothing open any more


def test_reconcile_command_expires_a_snap_page_the_buyer_never_used(midtrans_gateway, capsys):
    order, payment = started(PaymentMethod.MIDTRANS)
    Payment.objects.filter(pk=payment.pk).update(expires_at=payment.created_at - timedelta(minutes=1))
    call_command("payments_reconcile", "--older-than", "0")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.EXPIRED
    assert "changed 1" in capsys.readouterr().out


def test_stripe_refund_through_the_api_is_recorded_and_never_exceeds_the_payment(stripe_gateway, client):
    from hurtrock.testing.factories import AdminFactory

    order, payment = started(PaymentMethod.STRIPE)
    stripe_gateway.pay(payment.provider_reference)  # no endpoint: nothing delivered
    payments_reconcile(older_than_minutes=0)
    order.refresh_from_db()
    order_cancel(order=order, note="Buyer changed their mind")
    order.refresh_from_db()
    assert order.is_refund_due
    admin = AdminFactory()
    payment.refresh_from_db()

    partial = payment_refund(payment=payment, amount=500_000, reason="Part of it", user=admin)
    assert partial.status == RefundStatus.SUCCEEDED and partial.kind == RefundKind.GATEWAY
    assert partial.provider_reference.startswith("re_")
    intent = stripe_gateway.intents[payment.last_response["payment_intent"]["id"]]
    assert intent["amount_refunded"] == 500_000 * 100
    with pytest.raises(RefundError):
        payment_refund(payment=payment, amount=payment.amount, reason="Too much", user=admin)
    rest = payment_refund(payment=payment, amount=payment.amount - 500_000, reason="The rest", user=admin)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.refunded_amount == payment.amount and rest.user == admin
    assert not order.is_refund_due  # paid back in full
    assert Refund.objects.filter(payment=payment).count() == 2


def test_the_database_refuses_refunds_beyond_the_payment(stripe_gateway):
    from django.db import IntegrityError, transaction

    order, payment = started(PaymentMethod.STRIPE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(refunded_amount=payment.amount + 1)


def test_midtrans_refund_api_for_gopay_and_manual_for_a_virtual_account(midtrans_gateway, client):
    from hurtrock.testing.factories import AdminFactory

    admin = AdminFactory()
    gopay_order, gopay = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(gopay.provider_reference, "settlement", payment_type="gopay", notify=False)
    payments_reconcile(older_than_minutes=0)
    gopay.refresh_from_db()
    refund = payment_refund(payment=gopay, amount=100_000, reason="Scratched body", user=admin)
    assert refund.kind == RefundKind.GATEWAY and refund.status == RefundStatus.SUCCEEDED
    assert midtrans_gateway.transactions[gopay.provider_reference]["transaction_status"] == "partial_refund"

    # The partial_refund notification that follows does not record the refund twice.
    client.post(
        "/payments/midtrans/notification/",
        midtrans_gateway.notification_body(gopay.provider_reference),
        content_type="application/json",
    )
    assert Refund.objects.filter(payment=gopay).count() == 1

    va_order, va = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(va.provider_reference, "settlement", bank="bni", notify=False)
    payments_reconcile(older_than_minutes=0)
    va.refresh_from_db()
    manual = payment_refund(payment=va, amount=va.amount, reason="Out of stock", user=admin, manual_reference="BNI 123")
    assert manual.kind == RefundKind.MANUAL and manual.provider_reference == "BNI 123"
    assert not midtrans_gateway.requests_to(f"/v2/{va.provider_reference}/refund")


def test_a_refund_made_in_the_midtrans_dashboard_is_recorded_from_its_notification(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", payment_type="gopay", notify=False)
    payments_reconcile(older_than_minutes=0)
    record = midtrans_gateway.transactions[payment.provider_reference]
    record["refunds"].append(
        {
            "refund_chargeback_id": 1,
            "refund_amount": "50000.00",
            "created_at": "2026-01-01 10:00:00",
            "reason": "dashboard",
            "refund_key": "dash-1",
        }
    )
    midtrans_gateway.set_status(payment.provider_reference, "partial_refund", payment_type="gopay", notify=False)
    client.post(
        "/payments/midtrans/notification/",
        midtrans_gateway.notification_body(payment.provider_reference),
        content_type="application/json",
    )
    refund = Refund.objects.get(payment=payment)
    assert refund.amount == 50_000 and refund.provider_reference == "dash-1"
    payment.refresh_from_db()
    assert payment.refunded_amount == 50_000 and payment.status == PaymentStatus.PAID
