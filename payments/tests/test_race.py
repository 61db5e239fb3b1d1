"""PostgreSQL, real threads: a gateway notification and the expiry job hit the same order at once."""

import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from catalog.models import Product
from inventory.models import StockMovement
from orders.models import Order, OrderEvent, OrderStatus, PaymentMethod
from orders.services import orders_expire_unpaid
from payments.models import GatewayNotification, NotificationOutcome, Payment, PaymentStatus
from payments.tests.factories import started

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks need PostgreSQL (CI runs this)"),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 6


def race(*jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # noqa: BLE001 - collected and asserted
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_notification_and_expiry_racing_end_in_one_consistent_state(midtrans_gateway):
    histories = Counter()
    for round_number in range(ROUNDS):
        order, payment = started(PaymentMethod.MIDTRANS, stock=1)
        product = order.lines.get().product
        Order.objects.filter(pk=order.pk).update(payment_due_at=timezone.now() - timedelta(seconds=1))
        midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
        body = midtrans_gateway.notification_body(payment.provider_reference)
        answers = []

        errors = race(
            lambda body=body: answers.append(
                Client().post("/payments/midtrans/notification/", body, content_type="application/json").status_code
            ),
            # Staggered so that both orders of arrival happen: expiry first, or the payment first.
            lambda delay=0.06 * round_number: (time.sleep(delay), orders_expire_unpaid()),
        )

        assert errors == [] and answers == [200]
        order.refresh_from_db()
        product.refresh_from_db()
        payment.refresh_from_db()
        history = tuple(OrderEvent.objects.filter(order=order).order_by("id").values_list("to_status", flat=True))
        histories[history] += 1
        # Either the payment came first, or the order expired and the payment revived it: paid either way.
        assert history in (("pending", "paid"), ("pending", "expired", "paid"))
        assert order.status == OrderStatus.PAID and payment.status == PaymentStatus.PAID
        assert product.stock_quantity == 0
        ledger = StockMovement.objects.filter(product=product).aggregate(total=Sum("quantity"))["total"]
        assert ledger == product.stock_quantity
        assert Product.objects.get(pk=product.pk).units_sold == 1
        assert GatewayNotification.objects.filter(payment=payment, outcome=NotificationOutcome.PROCESSED).count() == 1
    print(f"race histories over {ROUNDS} rounds: {dict(histories)}")
    assert Payment.objects.filter(status=PaymentStatus.PAID).count() == ROUNDS


def test_two_deliveries_of_one_notification_at_once_process_it_once(midtrans_gateway):
    order, payment = started(PaymentMethod.MIDTRANS)
    midtrans_gateway.set_status(payment.provider_reference, "settlement", notify=False)
    body = midtrans_gateway.notification_body(payment.provider_reference)
    answers = []

    def deliver():
        answers.append(
            Client().post("/payments/midtrans/notification/", body, content_type="application/json").status_code
        )

    assert race(*[deliver] * 5) == []
    assert sorted(answers) == [200] * 5
    outcomes = Counter(GatewayNotification.objects.filter(payment=payment).values_list("outcome", flat=True))
    assert outcomes == {NotificationOutcome.PROCESSED: 1, NotificationOutcome.DUPLICATE: 4}
    assert OrderEvent.objects.filter(order=order, to_status=OrderStatus.PAID).count() == 1
