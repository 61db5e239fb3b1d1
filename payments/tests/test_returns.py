"""Refunds of returns: through the gateway that took the money, manual for bank transfers, never
more than was paid (service check and database constraints)."""

import pytest
from django.db import IntegrityError, transaction

from hurtrock.testing.factories import AdminFactory
from orders.models import PaymentMethod, ReturnDisposition, ReturnRequest, ReturnStatus
from orders.services.returns import ReturnLineRequest, return_approve, return_receive, return_request_create
from orders.tests.returns_helpers import bank_paid_delivered, deliver
from payments.errors import RefundError
from payments.models import Payment, PaymentStatus, Refund, RefundKind, RefundStatus
from payments.services import payment_refund, payments_reconcile, return_refund
from payments.tests.factories import started

pytestmark = pytest.mark.django_db


def stripe_delivered(stripe_gateway, **kwargs):
    order, payment = started(PaymentMethod.STRIPE, **kwargs)
    stripe_gateway.pay(payment.provider_reference, send=False)
    payments_reconcile(older_than_minutes=0)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    order.refresh_from_db()
    return deliver(order), payment


def received(order, quantities, *, staff):
    lines = [ReturnLineRequest(order_line_id=line.pk, quantity=q) for line, q in zip(order.lines.all(), quantities)]
    item = return_request_create(order=order, user=order.user, lines=lines, reason="Cacat")
    return_approve(return_request=item, user=staff)
    return return_receive(return_request=item, user=staff, disposition=ReturnDisposition.RESTOCK)


def test_a_stripe_return_is_refunded_at_stripe_with_the_shipping_when_all_came_back(stripe_gateway):
    staff = AdminFactory()
    order, payment = stripe_delivered(stripe_gateway, quantity=2, price=1_500_000)
    item = received(order, [2], staff=staff)
    assert item.includes_shipping and item.refund_amount == order.total

    return_refund(return_request=item, user=staff)

    item.refresh_from_db()
    payment.refresh_from_db()
    assert item.status == ReturnStatus.REFUNDED and item.refunded_amount == order.total
    refund = Refund.objects.get(payment=payment)
    assert refund.kind == RefundKind.GATEWAY and refund.status == RefundStatus.SUCCEEDED
    assert refund.provider_reference.startswith("re_")
    intent = stripe_gateway.intents[payment.last_response["payment_intent"]["id"]]
    assert intent["amount_refunded"] == order.total * 100 and len(stripe_gateway.refunds) == 1
    assert payment.refunded_amount == payment.amount
    with pytest.raises(RefundError):
        return_refund(return_request=item, user=staff)  # already refunded
    assert len(stripe_gateway.refunds) == 1


def test_a_partial_stripe_return_refunds_the_lines_only(stripe_gateway):
    staff = AdminFactory()
    order, payment = stripe_delivered(stripe_gateway, quantity=2, price=1_500_000)
    item = received(order, [1], staff=staff)
    return_refund(return_request=item, user=staff)
    payment.refresh_from_db()
    assert payment.refunded_amount == 1_500_000 and not item.includes_shipping


def test_a_bank_transfer_return_is_recorded_as_a_manual_refund():
    staff = AdminFactory()
    order = bank_paid_delivered(staff=staff)
    item = received(order, [1, 0], staff=staff)
    return_refund(return_request=item, user=staff, manual_reference="BCA 0412-778")
    refund = Refund.objects.get(payment__order=order)
    assert refund.kind == RefundKind.MANUAL and refund.provider_reference == "BCA 0412-778"
    assert refund.amount == 1_000_000 and refund.status == RefundStatus.SUCCEEDED


def test_a_return_is_never_refunded_beyond_what_is_left_of_the_payment(stripe_gateway):
    staff = AdminFactory()
    order, payment = stripe_delivered(stripe_gateway, quantity=2, price=1_500_000)
    payment_refund(payment=payment, amount=payment.amount - 1_000_000, reason="Goodwill", user=staff)
    item = received(order, [2], staff=staff)  # owes the whole order back, only 1,000,000 is left
    with pytest.raises(RefundError):
        return_refund(return_request=item, user=staff)
    item.refresh_from_db()
    payment.refresh_from_db()
    assert item.status == ReturnStatus.RECEIVED and item.refunded_amount == 0
    assert payment.refunded_amount == payment.amount - 1_000_000
    assert Refund.objects.filter(payment=payment).count() == 1


def test_the_gateway_refusing_sends_the_return_back_to_received(stripe_gateway):
    staff = AdminFactory()
    order, payment = stripe_delivered(stripe_gateway, quantity=1)
    item = received(order, [1], staff=staff)
    stripe_gateway.intents.clear()  # Stripe no longer knows the payment: it answers 404
    with pytest.raises(RefundError):
        return_refund(return_request=item, user=staff)
    item.refresh_from_db()
    payment.refresh_from_db()
    assert item.status == ReturnStatus.RECEIVED and payment.refunded_amount == 0
    assert Refund.objects.get(payment=payment).status == RefundStatus.FAILED


def test_the_database_refuses_refunds_beyond_the_payment_and_the_return():
    order = bank_paid_delivered()
    payment = Payment.objects.get(order=order, status=PaymentStatus.PAID)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(refunded_amount=payment.amount + 1)
    lines = [ReturnLineRequest(order_line_id=order.lines.first().pk, quantity=1)]
    item = return_request_create(order=order, user=order.user, lines=lines, reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnRequest.objects.filter(pk=item.pk).update(refunded_amount=item.refund_amount + 1)


def test_refunding_from_the_admin_needs_the_refund_permission(client, stripe_gateway):
    from django.urls import reverse

    staff = AdminFactory()
    order, payment = stripe_delivered(stripe_gateway, quantity=1)
    item = received(order, [1], staff=staff)
    client.force_login(staff)
    response = client.post(reverse("admin:orders_returnrequest_step", args=[item.pk]), {"step": "refund"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ReturnStatus.REFUNDED and len(stripe_gateway.refunds) == 1


def test_a_voucher_discount_is_shared_by_the_returned_goods_and_never_refunded_twice():
    from orders.tests.promotions_helpers import voucher

    voucher(code="HEMAT10", kind="percentage", value=10)
    staff = AdminFactory()
    order = bank_paid_delivered(staff=staff, voucher_code="HEMAT10")
    assert order.discount == 230_000  # 10 % of 2,300,000
    partial = received(order, [1, 0], staff=staff)
    assert partial.refund_amount == 900_000 and not partial.includes_shipping

    other = bank_paid_delivered(staff=staff, voucher_code="HEMAT10")
    whole = received(other, [2, 1], staff=staff)
    assert whole.includes_shipping and whole.refund_amount == other.total
    return_refund(return_request=whole, user=staff, manual_reference="BCA 1")
    payment = Payment.objects.get(order=other, status=PaymentStatus.PAID)
    assert payment.refunded_amount == payment.amount == other.total
