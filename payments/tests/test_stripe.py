"""Stripe against the fake Stripe over real HTTP (official SDK, signatures with the test secret)."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse

from inventory.models import StockMovement
from orders.models import OrderEvent, OrderStatus, PaymentMethod
from orders.services import orders_expire_unpaid
from payments.models import GatewayNotification, NotificationOutcome, Payment, PaymentStatus
from payments.services import payment_start
from payments.tests.factories import started

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"


def deliver(client, fake, event_type, sid, **overrides):
    body, signature = fake.event_payload(event_type, sid, **overrides)
    return client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def test_checkout_session_sends_rupiah_times_100_with_the_order_in_metadata(stripe_gateway):
    order, payment = started(PaymentMethod.STRIPE, price=1_250_000)

    session = stripe_gateway.sessions[payment.provider_reference]
    assert session["amount_total"] == order.total * 100
    items = session["line_items_sent"]
    assert [int(i["price_data"]["unit_amount"]) for i in items] == [125_000_000, order.shipping_cost * 100]
    assert session["metadata"] == {"order_number": order.number, "payment_id": str(payment.public_id)}
    assert session["client_reference_id"] == order.number
    # The deadline is an hour away: the page expires with the order.
    assert abs(session["expires_at"] - order.payment_due_at.timestamp()) < 2
    create = stripe_gateway.requests_to("/v1/checkout/sessions", "POST")[0]
    assert create.headers["idempotency-key"] == f"hurtrock-checkout-{payment.public_id}"
    assert payment.status == PaymentStatus.PENDING and payment.redirect_url == session["url"]


def test_a_lost_answer_is_retried_with_the_same_key_and_makes_one_session(stripe_gateway):
    stripe_gateway.fail_next_create_after_processing = 1
    order, payment = started(PaymentMethod.STRIPE)

    creates = stripe_gateway.requests_to("/v1/checkout/sessions", "POST")
    assert len(creates) == 2 and creates[0].headers["idempotency-key"] == creates[1].headers["idempotency-key"]
    assert len(stripe_gateway.sessions) == 1 and payment.provider_reference in stripe_gateway.sessions


def test_pay_now_resumes_the_open_session_and_restart_expires_it(stripe_gateway, client):
    order, first = started(PaymentMethod.STRIPE)
    client.force_login(order.user)

    resumed = client.get(reverse("payments:order_pay", args=[order.number]))
    assert resumed.status_code == 302 and resumed["Location"] == first.redirect_url
    restarted = client.post(reverse("payments:order_pay", args=[order.number]), {"restart": "1"})
    second = Payment.objects.get(order=order, attempt=2)
    assert restarted["Location"] == second.redirect_url != first.redirect_url
    assert stripe_gateway.sessions[first.provider_reference]["status"] == "expired"


def test_forged_signature_is_refused_and_changes_nothing(stripe_gateway, client):
    order, payment = started(PaymentMethod.STRIPE)
    stripe_gateway.pay(payment.provider_reference, send=False)
    body, _signature = stripe_gateway.event_payload("checkout.session.completed", payment.provider_reference)

    forged = stripe_gateway.sign(body.decode(), secret="whsec_not_the_shops_secret")
    for header in (forged, "", "t=1,v1=00"):
        response = client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
        assert response.status_code == 400
    stale = stripe_gateway.sign(body.decode(), timestamp=int(time.time()) - 3600)
    assert client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=stale).status_code == 400

    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PENDING and payment.status == PaymentStatus.PENDING
    notes = GatewayNotification.objects.filter(provider="stripe")
    assert notes.count() == 4 and set(notes.values_list("outcome", flat=True)) == {NotificationOutcome.REJECTED}
    assert not notes.filter(is_verified=True).exists()


def test_valid_webhook_pays_once_and_ten_deliveries_store_ten_notifications(
    stripe_gateway, client, mailoutbox, django_capture_on_commit_callbacks
):
    order, payment = started(PaymentMethod.STRIPE)
    stripe_gateway.pay(payment.provider_reference, send=False)
    body, signature = stripe_gateway.event_payload("checkout.session.completed", payment.provider_reference)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature).status_code
            for _ in range(10)
        ]

    assert answers == [200] * 10
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PAID and payment.status == PaymentStatus.PAID
    assert OrderEvent.objects.filter(order=order, to_status=OrderStatus.PAID).count() == 1
    notes = GatewayNotification.objects.filter(provider="stripe", event_type="checkout.session.completed")
    assert notes.count() == 10
    assert notes.filter(outcome=NotificationOutcome.PROCESSED).count() == 1
    assert notes.filter(outcome=NotificationOutcome.DUPLICATE).count() == 9
    paid_mails = [m for m in mailoutbox if m.to == [order.email]]
    assert len(paid_mails) == 1 and order.number in paid_mails[0].subject


def test_a_late_expired_event_after_payment_leaves_it_paid(stripe_gateway, client):
    order, payment = started(PaymentMethod.STRIPE)
    stripe_gateway.pay(payment.provider_reference, send=False)
    assert deliver(client, stripe_gateway, "checkout.session.completed", payment.provider_reference).status_code == 200
    assert (
        deliver(
            client, stripe_gateway, "checkout.session.expired", payment.provider_reference, status="expired"
        ).status_code
        == 200
    )

    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PAID and payment.status == PaymentStatus.PAID


def test_async_payment_waits_for_success_and_a_failure_keeps_the_order_payable(stripe_gateway, client):
    order, payment = started(PaymentMethod.STRIPE)
    sid = payment.provider_reference
    deliver(client, stripe_gateway, "checkout.session.completed", sid, status="complete", payment_status="unpaid")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    deliver(
        client, stripe_gateway, "checkout.session.async_payment_failed", sid, status="complete", payment_status="unpaid"
    )
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED and order.status == OrderStatus.PENDING

    # The buyer tries again with a new attempt; this one succeeds asynchronously.
    retry = payment_start(order=order, user=order.user)
    assert retry.attempt == 2
    deliver(
        client,
        stripe_gateway,
        "checkout.session.async_payment_succeeded",
        retry.provider_reference,
        payment_status="paid",
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_expired_session_keeps_the_order_payable_until_its_own_deadline(stripe_gateway, client):
    order, payment = started(PaymentMethod.STRIPE)
    stock_before = order.lines.get().product.stock_quantity
    deliver(client, stripe_gateway, "checkout.session.expired", payment.provider_reference, status="expired")

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.EXPIRED and order.status == OrderStatus.PENDING
    client.force_login(order.user)
    assert "data-pay-now" in client.get(order.get_absolute_url()).content.decode()  # still payable

    orders_expire_unpaid(now=order.payment_due_at + timedelta(seconds=1))
    order.refresh_from_db()
    product = order.lines.get().product
    product.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED and product.stock_quantity == stock_before + 1
    assert StockMovement.objects.filter(reference=f"order:{order.number}", reason="cancellation").count() == 1


def test_amount_or_currency_mismatch_is_refused_and_flagged(
    stripe_gateway, client, mailoutbox, django_capture_on_commit_callbacks
):
    order, payment = started(PaymentMethod.STRIPE)
    sid = payment.provider_reference
    with django_capture_on_commit_callbacks(execute=True):
        cheap = deliver(
            client, stripe_gateway, "checkout.session.completed", sid, payment_status="paid", amount_total=100
        )
        dollars = deliver(
            client,
            stripe_gateway,
            "checkout.session.completed",
            sid,
            payment_status="paid",
            currency="usd",
            amount_total=order.total * 100,
        )
    assert cheap.status_code == dollars.status_code == 200
    payment.refresh_from_db()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and payment.status == PaymentStatus.PENDING
    assert payment.is_flagged and "USD" in payment.flag_reason
    assert GatewayNotification.objects.filter(outcome=NotificationOutcome.MISMATCH).count() == 2
    assert any("needs attention" in m.subject or "perhatian" in m.subject for m in mailoutbox)


def test_unknown_session_answers_404_and_is_logged(stripe_gateway, client, caplog):
    order, payment = started(PaymentMethod.STRIPE)
    body, signature = stripe_gateway.event_payload(
        "checkout.session.completed", payment.provider_reference, id="cs_test_unknown"
    )
    response = client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)
    assert response.status_code == 404
    assert "unknown payment 'cs_test_unknown'" in caplog.text
    assert GatewayNotification.objects.get().outcome == NotificationOutcome.UNKNOWN


def test_other_event_types_are_stored_and_ignored(stripe_gateway, client):
    order, payment = started(PaymentMethod.STRIPE)
    response = deliver(client, stripe_gateway, "customer.created", payment.provider_reference)
    assert response.status_code == 200 and json.loads(response.content)["outcome"] == NotificationOutcome.IGNORED
