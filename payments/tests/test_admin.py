"""Payments in the back office: who sees what, refunds from the admin, query budgets."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from orders.models import OrderStatus, PaymentMethod
from orders.services import order_cancel
from payments.models import GatewayNotification, Payment, PaymentStatus, Refund
from payments.services import payments_reconcile
from payments.tests.factories import started

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:payments_payment_changelist",
    "admin:payments_gatewaynotification_changelist",
    "admin:payments_refund_changelist",
    "admin:payments_transferproof_changelist",
    "admin:payments_midtranstransaction_changelist",
]


def paid_stripe_order(gateway):
    order, payment = started(PaymentMethod.STRIPE)
    gateway.pay(payment.provider_reference, send=False)
    payments_reconcile(older_than_minutes=0)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    return order, payment


@pytest.mark.parametrize("who", ["anonymous", "buyer", "staff_without_permissions"])
def test_payment_pages_are_closed_to_everyone_without_the_permission(client, stripe_gateway, who):
    order, payment = paid_stripe_order(stripe_gateway)
    if who == "buyer":
        client.force_login(UserFactory())
    elif who == "staff_without_permissions":
        staff = StaffFactory()
        staff.groups.clear()
        client.force_login(staff)
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
        assert order.number.encode() not in response.content
    detail = client.get(reverse("admin:payments_payment_change", args=[payment.pk]))
    assert detail.status_code in (302, 403) and payment.provider_reference.encode() not in detail.content


def test_staff_see_payments_but_cannot_refund_without_the_refund_permission(client, stripe_gateway):
    order, payment = paid_stripe_order(stripe_gateway)
    order_cancel(order=order)
    staff = StaffFactory()
    client.force_login(staff)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200
    page = client.get(reverse("admin:payments_payment_change", args=[payment.pk])).content.decode()
    assert payment.provider_reference in page and "data-refund-link" not in page
    refund_url = reverse("admin:payments_payment_refund", args=[payment.pk])
    assert client.get(refund_url).status_code == 403
    client.post(refund_url, {"amount": payment.amount, "reason": "Cancelled"})
    assert not Refund.objects.exists() and not stripe_gateway.refunds

    staff.user_permissions.add(Permission.objects.get(codename="refund_payment"))
    staff = type(staff).objects.get(pk=staff.pk)
    client.force_login(staff)
    assert (
        "data-refund-link" in client.get(reverse("admin:payments_payment_change", args=[payment.pk])).content.decode()
    )
    response = client.post(refund_url, {"amount": payment.amount, "reason": "Cancelled by the buyer"})
    assert response.status_code == 302
    refund = Refund.objects.get()
    assert refund.user == staff and refund.amount == payment.amount and refund.reason == "Cancelled by the buyer"
    assert list(stripe_gateway.refunds.values())[0]["amount"] == payment.amount * 100
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED and not order.is_refund_due


def test_the_refund_form_refuses_more_than_was_paid(client, stripe_gateway):
    order, payment = paid_stripe_order(stripe_gateway)
    client.force_login(AdminFactory())
    response = client.post(
        reverse("admin:payments_payment_refund", args=[payment.pk]),
        {"amount": payment.amount + 1, "reason": "x"},
        follow=True,
    )
    assert response.status_code == 200 and not Refund.objects.exists()
    payment.refresh_from_db()
    assert payment.refunded_amount == 0


def test_ask_the_gateway_now_action(client, stripe_gateway):
    order, payment = started(PaymentMethod.STRIPE)
    stripe_gateway.pay(payment.provider_reference, send=False)
    client.force_login(StaffFactory())
    client.post(
        reverse("admin:payments_payment_changelist"),
        {"action": "refresh_from_gateway", "_selected_action": [payment.pk]},
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.parametrize("count", [1, 8])
def test_list_pages_keep_a_fixed_query_budget(client, midtrans_gateway, django_assert_max_num_queries, count):
    for _ in range(count):
        order, payment = started(PaymentMethod.MIDTRANS)
        midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
        client.post(
            "/payments/midtrans/notification/",
            midtrans_gateway.notification_body(payment.provider_reference),
            content_type="application/json",
        )
    assert GatewayNotification.objects.count() == count and Payment.objects.count() == count
    client.force_login(AdminFactory())
    for name in PAGES:
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("attempts", [1, 6])
def test_the_order_page_with_its_payment_panel_keeps_a_fixed_query_budget(
    client, stripe_gateway, django_assert_max_num_queries, attempts
):
    from payments.services import payment_start

    order, payment = started(PaymentMethod.STRIPE)
    for _ in range(attempts - 1):
        payment_start(order=order, user=order.user, restart=True)
    client.force_login(order.user)
    with django_assert_max_num_queries(16):
        page = client.get(order.get_absolute_url())
    assert page.status_code == 200 and "data-payment-panel" in page.content.decode()


def test_payments_on_hold_are_accepted_or_denied_by_staff_with_the_review_permission(client, midtrans_gateway):
    from orders.models import Order

    def on_hold():
        order, payment = started(PaymentMethod.MIDTRANS)
        midtrans_gateway.set_status(
            payment.provider_reference, "capture", fraud_status="challenge", payment_type="credit_card", notify=False
        )
        payments_reconcile(older_than_minutes=0)
        payment.refresh_from_db()
        assert payment.status == PaymentStatus.ON_HOLD
        return order, payment

    accepted_order, accepted = on_hold()
    denied_order, denied = on_hold()
    changelist = reverse("admin:payments_payment_changelist")
    staff = StaffFactory()
    client.force_login(staff)
    client.post(changelist, {"action": "review_accept", "_selected_action": [accepted.pk]})
    accepted.refresh_from_db()
    assert accepted.status == PaymentStatus.ON_HOLD  # no permission: the action is not even offered

    staff.user_permissions.add(Permission.objects.get(codename="review_payment"))
    client.force_login(type(staff).objects.get(pk=staff.pk))
    client.post(changelist, {"action": "review_accept", "_selected_action": [accepted.pk]})
    client.post(changelist, {"action": "review_deny", "_selected_action": [denied.pk]})
    accepted.refresh_from_db()
    denied.refresh_from_db()
    assert accepted.status == PaymentStatus.PAID and Order.objects.get(pk=accepted_order.pk).status == OrderStatus.PAID
    assert denied.status == PaymentStatus.FAILED and Order.objects.get(pk=denied_order.pk).status == OrderStatus.PENDING
