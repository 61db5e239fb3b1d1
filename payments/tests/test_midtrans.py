"""Midtrans Snap against the fake Midtrans over real HTTP (midtransclient pointed at it)."""

import json

import pytest
from django.urls import reverse

from orders.models import OrderEvent, OrderStatus, PaymentMethod
from payments.models import GatewayNotification, MidtransTransaction, NotificationOutcome, PaymentStatus
from payments.selectors import MIDTRANS_DEFAULT_CHANNELS
from payments.testing.fake_midtrans import signature
from payments.tests.factories import started

pytestmark = pytest.mark.django_db

NOTIFY = "/payments/midtrans/notification/"


def notify(client, fake, order_id, **overrides):
    return client.post(NOTIFY, fake.notification_body(order_id, **overrides), content_type="application/json")


def test_snap_transaction_lines_sum_to_gross_amount_with_shipping_as_a_line(midtrans_gateway):
    order, payment = started(PaymentMethod.MIDTRANS, price=3_450_000, quantity=2)

    assert payment.provider_reference == f"{order.number}-1"
    sent = midtrans_gateway.snaps[midtrans_gateway.by_order[payment.provider_reference]]
    body = sent["request"]
    assert body["transaction_details"] == {"order_id": payment.provider_reference, "gross_amount": order.total}
    items = body["item_details"]
    assert sum(i["price"] * i["quantity"] for i in items) == order.total
    assert items[-1]["id"] == "SHIPPING" and items[-1]["price"] == order.shipping_cost
    assert all(len(i["name"]) <= 50 for i in items)
    assert body["enabled_payments"] == list(MIDTRANS_DEFAULT_CHANNELS)
    assert body["customer_details"]["email"] == order.email
    assert body["expiry"]["unit"] == "minute" and 55 <= body["expiry"]["duration"] <= 60
    assert body["expiry"]["start_time"].endswith("+0700")
    assert sent["notification_url"] == "http://testserver/payments/midtrans/notification/"
    assert body["callbacks"]["finish"] == "http://testserver/payments/midtrans/finish/"
    record = MidtransTransaction.objects.get(payment=payment)
    assert record.snap_token and record.snap_redirect_url == payment.redirect_url


def test_forged_signature_is_refused_and_changes_nothing(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)

    forged = notify(client, midtrans_gateway, payment.provider_reference, signature_key="0" * 128)
    signed_with_other_key = notify(
        client,
        midtrans_gateway,
        payment.provider_reference,
        signature_key=signature(payment.provider_reference, "200", f"{order.total}.00", "SB-Mid-server-attacker"),
    )
    tampered_amount = notify(client, midtrans_gateway, payment.provider_reference, gross_amount="1.00")
    garbage = client.post(NOTIFY, b"not json", content_type="application/json")

    assert [r.status_code for r in (forged, signed_with_other_key, tampered_amount, garbage)] == [400] * 4
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PENDING and payment.status == PaymentStatus.PENDING
    assert not midtrans_gateway.requests_to("/v2/", "GET")  # never even asked the status API
    assert GatewayNotification.objects.filter(outcome=NotificationOutcome.REJECTED, is_verified=False).count() == 4


def test_valid_notification_pays_once_after_asking_the_status_api(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", bank="bca", notify=False)
    body = midtrans_gateway.notification_body(payment.provider_reference)

    answers = [client.post(NOTIFY, body, content_type="application/json").status_code for _ in range(10)]

    assert answers == [200] * 10
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PAID and payment.status == PaymentStatus.PAID
    assert payment.method_detail == "bca_va"
    assert OrderEvent.objects.filter(order=order, to_status=OrderStatus.PAID).count() == 1
    notes = GatewayNotification.objects.filter(provider="midtrans")
    assert notes.count() == 10 and notes.filter(outcome=NotificationOutcome.PROCESSED).count() == 1
    assert len(midtrans_gateway.requests_to(f"/v2/{payment.provider_reference}/status")) == 1
    record = MidtransTransaction.objects.get(payment=payment)
    assert record.transaction_status == "settlement" and record.transaction_id and record.settlement_time


def test_settlement_then_a_late_pending_stays_paid(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "pending", notify=False)
    pending_body = midtrans_gateway.notification_body(payment.provider_reference)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
    assert notify(client, midtrans_gateway, payment.provider_reference).status_code == 200

    # The pending notification arrives late, and its status API is (made) stale too.
    midtrans_gateway.set_status(payment.provider_reference, "pending", notify=False)
    assert client.post(NOTIFY, pending_body, content_type="application/json").status_code == 200

    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PAID and payment.status == PaymentStatus.PAID


def test_challenge_puts_the_payment_on_hold_then_accept_pays(
    midtrans_gateway, client, mailoutbox, django_capture_on_commit_callbacks
):
    order, payment = started(PaymentMethod.MIDTRANS)
    with django_capture_on_commit_callbacks(execute=True):
        midtrans_gateway.set_status(
            payment.provider_reference, "capture", fraud_status="challenge", payment_type="credit_card", notify=False
        )
        notify(client, midtrans_gateway, payment.provider_reference)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.ON_HOLD and order.status == OrderStatus.PENDING
    assert any(order.number in m.subject for m in mailoutbox)  # staff are told

    midtrans_gateway.set_status(
        payment.provider_reference, "capture", fraud_status="accept", payment_type="credit_card", notify=False
    )
    notify(client, midtrans_gateway, payment.provider_reference)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.parametrize(
    ("transaction_status", "expected"),
    [
        ("deny", PaymentStatus.FAILED),
        ("cancel", PaymentStatus.CANCELLED),
        ("expire", PaymentStatus.EXPIRED),
        ("failure", PaymentStatus.FAILED),
    ],
)
def test_unsuccessful_statuses_fail_the_attempt_and_keep_the_order_payable(
    midtrans_gateway, client, transaction_status, expected
):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, transaction_status, notify=False)
    notify(client, midtrans_gateway, payment.provider_reference)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == expected and order.status == OrderStatus.PENDING


def test_amount_mismatch_is_refused_and_flagged(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", gross_amount=order.total - 1000, notify=False)
    response = notify(client, midtrans_gateway, payment.provider_reference)
    assert response.status_code == 200 and json.loads(response.content)["outcome"] == NotificationOutcome.MISMATCH
    payment.refresh_from_db()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING and payment.is_flagged


def test_unknown_order_id_answers_404_and_is_logged(midtrans_gateway, client, caplog):
    started(PaymentMethod.MIDTRANS)  # a real transaction exists, but not this one
    payload = {
        "order_id": "HR-2026-NOPE22-1",
        "status_code": "200",
        "gross_amount": "10000.00",
        "transaction_status": "settlement",
    }
    payload["signature_key"] = signature("HR-2026-NOPE22-1", "200", "10000.00", "SB-Mid-server-hurtrockFAKE0123456789")
    response = client.post(NOTIFY, json.dumps(payload), content_type="application/json")
    assert response.status_code == 404
    assert "unknown payment 'HR-2026-NOPE22-1'" in caplog.text


def test_status_api_down_answers_503_so_midtrans_retries(midtrans_gateway, client, settings):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
    body = midtrans_gateway.notification_body(payment.provider_reference)
    settings.MIDTRANS_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    assert client.post(NOTIFY, body, content_type="application/json").status_code == 503
    settings.MIDTRANS_API_BASE = midtrans_gateway.url
    assert client.post(NOTIFY, body, content_type="application/json").status_code == 200  # the retry is processed
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert list(GatewayNotification.objects.order_by("id").values_list("outcome", flat=True)) == ["error", "processed"]


def test_finish_page_shows_the_real_state_never_paid_from_the_redirect(midtrans_gateway, client):
    order, payment = started(PaymentMethod.MIDTRANS)
    client.force_login(order.user)
    # The redirect claims settlement, but Midtrans has no transaction yet.
    response = client.get(
        reverse("payments:midtrans_finish"),
        {"order_id": payment.provider_reference, "status_code": "200", "transaction_status": "settlement"},
        follow=True,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert "data-pay-now" in response.content.decode()

    # Once Midtrans has it settled (notification lost), the return page asks and shows it paid.
    midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
    client.get(reverse("payments:midtrans_finish"), {"order_id": payment.provider_reference})
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_return_pages_are_only_for_the_buyer(midtrans_gateway, client):
    from hurtrock.testing.factories import CompleteProfileUserFactory

    order, payment = started(PaymentMethod.MIDTRANS)
    assert (
        client.get(reverse("payments:midtrans_finish"), {"order_id": payment.provider_reference}).status_code == 302
    )  # login
    client.force_login(CompleteProfileUserFactory())
    assert client.get(reverse("payments:midtrans_finish"), {"order_id": payment.provider_reference}).status_code == 404
    assert client.get(reverse("payments:order_payment_status", args=[order.number])).status_code == 404
    assert client.post(reverse("payments:order_pay", args=[order.number])).status_code == 404


def test_a_payment_on_hold_for_review_keeps_the_order_from_expiring(midtrans_gateway, client):
    from datetime import timedelta

    from orders.services import orders_expire_unpaid

    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(
        payment.provider_reference, "capture", fraud_status="challenge", payment_type="credit_card", notify=False
    )
    notify(client, midtrans_gateway, payment.provider_reference)
    assert orders_expire_unpaid(now=order.payment_due_at + timedelta(minutes=1)) == 0
    midtrans_gateway.set_status(
        payment.provider_reference, "deny", fraud_status="deny", payment_type="credit_card", notify=False
    )
    notify(client, midtrans_gateway, payment.provider_reference)
    assert orders_expire_unpaid(now=order.payment_due_at + timedelta(minutes=1)) == 1
