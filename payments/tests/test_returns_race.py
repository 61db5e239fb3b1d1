"""PostgreSQL, real threads: a return received twice at once, and its refund submitted twice at once."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from hurtrock.testing.factories import AdminFactory
from inventory.models import StockMovement
from orders.errors import OrderError
from orders.models import ReturnDisposition, ReturnStatus
from orders.services.returns import return_receive
from payments.errors import RefundError
from payments.models import Refund
from payments.services import return_refund
from payments.tests.test_returns import received, stripe_delivered

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks need PostgreSQL (CI runs this)"),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 3


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


def test_a_return_received_twice_at_once_restocks_once(stripe_gateway):
    from orders.services.returns import ReturnLineRequest, return_approve, return_request_create

    staff = AdminFactory()
    for _round in range(ROUNDS):
        order, _payment = stripe_delivered(stripe_gateway, quantity=2)
        lines = [ReturnLineRequest(order_line_id=order.lines.get().pk, quantity=2)]
        item = return_request_create(order=order, user=order.user, lines=lines, reason="Cacat")
        return_approve(return_request=item, user=staff)

        def receive():
            return_receive(return_request=item, user=staff, disposition=ReturnDisposition.RESTOCK)

        errors = race(receive, receive)

        assert len(errors) == 1 and isinstance(errors[0], OrderError)
        movements = StockMovement.objects.filter(reason=StockMovement.Reason.RETURN, reference__contains=order.number)
        assert movements.count() == 1 and movements.get().quantity == 2


def test_the_same_refund_submitted_twice_at_once_refunds_once_at_stripe(stripe_gateway):
    staff = AdminFactory()
    for _round in range(ROUNDS):
        order, payment = stripe_delivered(stripe_gateway, quantity=1)
        item = received(order, [1], staff=staff)
        before = len(stripe_gateway.refunds)

        def refund():
            return_refund(return_request=item, user=staff)

        errors = race(refund, refund)

        assert len(errors) == 1 and isinstance(errors[0], RefundError)
        item.refresh_from_db()
        payment.refresh_from_db()
        assert item.status == ReturnStatus.REFUNDED
        assert Refund.objects.filter(payment=payment).count() == 1
        assert len(stripe_gateway.refunds) == before + 1
        assert payment.refunded_amount == item.refund_amount == order.total
