"""Checkout with a gateway over HTTP: the order is placed, then the buyer goes straight to the gateway."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import CompleteProfileUserFactory
from orders.models import Order, OrderStatus, PaymentMethod
from orders.tests.checkout_helpers import place_form
from orders.tests.factories import bank_account_configure, courier_setup, stocked_product
from payments.models import Payment, PaymentStatus
from payments.tasks import payments_reconcile_task
from payments.tests.conftest import configure_stripe

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer_at_checkout(client):
    _destination, service = courier_setup()
    bank_account_configure()
    user = CompleteProfileUserFactory()
    client.force_login(user)
    product = stocked_product(3, price=4_200_000)
    client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 1})
    return user, service


def test_placing_with_midtrans_sends_the_buyer_to_the_snap_page(client, midtrans_gateway, buyer_at_checkout):
    user, service = buyer_at_checkout
    page = client.get(reverse("orders:checkout"))
    assert {c[0] for c in page.context["form"].fields["payment_method"].choices} == {"bank_transfer", "midtrans"}

    placed = client.post(reverse("orders:checkout"), place_form(page, service, payment_method="midtrans"))
    order = Order.objects.get(user=user)
    assert placed["Location"] == reverse("payments:order_pay", args=[order.number])
    to_gateway = client.get(placed["Location"])
    payment = Payment.objects.get(order=order)
    assert to_gateway.status_code == 302 and to_gateway["Location"] == payment.redirect_url
    assert to_gateway["Location"].startswith(midtrans_gateway.url)


def test_a_gateway_that_refuses_leaves_a_payable_order_and_a_clear_message(client, stripe_gateway, buyer_at_checkout):
    user, service = buyer_at_checkout
    configure_stripe(secret_key="sk_test_revoked_key_000000000")
    page = client.get(reverse("orders:checkout"))
    placed = client.post(reverse("orders:checkout"), place_form(page, service, payment_method="stripe"), follow=True)
    order = Order.objects.get(user=user)
    assert placed.redirect_chain[-1][0] == order.get_absolute_url()
    assert order.status == OrderStatus.PENDING
    assert Payment.objects.get(order=order).status == PaymentStatus.FAILED
    assert "data-pay-now" in placed.content.decode()


def test_switching_from_bank_transfer_to_a_gateway_on_the_order_page(client, stripe_gateway, buyer_at_checkout):
    user, service = buyer_at_checkout
    page = client.get(reverse("orders:checkout"))
    client.post(reverse("orders:checkout"), place_form(page, service))
    order = Order.objects.get(user=user)
    detail = client.get(order.get_absolute_url()).content.decode()
    assert 'name="method" id="switch-stripe"' in detail

    response = client.post(
        reverse("payments:order_pay", args=[order.number]), {"method": PaymentMethod.STRIPE, "restart": "1"}
    )
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.STRIPE
    assert response["Location"].startswith(stripe_gateway.url)
    assert order.events.filter(code="payment_method_changed", params__method="stripe").exists()
    # An unavailable method is refused.
    client.post(reverse("payments:order_pay", args=[order.number]), {"method": "midtrans"})
    order.refresh_from_db()
    assert order.payment_method == PaymentMethod.STRIPE


def test_the_reconcile_task_uses_the_same_service(stripe_gateway, buyer_at_checkout, settings):
    from payments.tests.factories import started

    settings.PAYMENTS_RECONCILE_AFTER_MINUTES = 0
    order, payment = started(PaymentMethod.STRIPE)
    stripe_gateway.pay(payment.provider_reference, send=False)
    result = payments_reconcile_task.enqueue()
    assert result.return_value == {"changed": 1}
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_past_the_deadline_the_order_page_offers_no_payment(client, stripe_gateway):
    from datetime import timedelta

    from django.utils import timezone

    from payments.tests.factories import started

    order, _payment = started(PaymentMethod.STRIPE)
    client.force_login(order.user)
    assert "data-pay-now" in client.get(order.get_absolute_url()).content.decode()
    Order.objects.filter(pk=order.pk).update(payment_due_at=timezone.now() - timedelta(seconds=1))
    page = client.get(order.get_absolute_url()).content.decode()
    assert "data-pay-now" not in page and "data-switch-method" not in page
    response = client.get(reverse("payments:order_pay", args=[order.number]))
    assert response["Location"] == order.get_absolute_url()  # refused with a message
