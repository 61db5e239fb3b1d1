"""Unpaid orders expire after ORDER_PAYMENT_TIMEOUT_MINUTES and give their stock back.

Each order expires in its own transaction through `order_transition` (row lock, pipeline check,
ledger rows, event, e-mail), so a payment confirmed at the same moment wins cleanly: the order is
then "paid" and expiring it is an illegal transition, which is skipped.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from orders.errors import IllegalTransition
from orders.models import Order, OrderStatus
from orders.services.status import order_transition

logger = logging.getLogger(__name__)

# Other apps may keep an unpaid order from expiring while money is being checked: each hold takes
# the queryset of overdue orders and returns it without the held ones (payments: a proof of
# transfer waiting for staff, a gateway payment on hold for review).
EXPIRY_HOLDS: list[Callable[[QuerySet[Order]], QuerySet[Order]]] = []


def _overdue(now: datetime) -> QuerySet[Order]:
    orders = Order.objects.filter(status=OrderStatus.PENDING, payment_due_at__lte=now)
    for hold in EXPIRY_HOLDS:
        orders = hold(orders)
    return orders


def order_payment_deadline(*, placed_at: datetime) -> datetime:
    return placed_at + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)


def order_expire_if_unpaid(*, order_id: int, now: datetime | None = None) -> bool:
    """Expire one order if it is still pending past its deadline. True when it expired."""
    now = now or timezone.now()
    order = _overdue(now).filter(pk=order_id).first()
    if order is None:
        return False
    try:
        order_transition(
            order=order,
            to_status=OrderStatus.EXPIRED,
            event_code="expired",
            event_params={"minutes": settings.ORDER_PAYMENT_TIMEOUT_MINUTES},
        )
    except IllegalTransition:
        logger.info("order %s changed status before it could expire", order.number)
        return False
    return True


def orders_expire_unpaid(*, now: datetime | None = None) -> int:
    """Expire every pending order whose payment deadline has passed. Returns how many expired."""
    now = now or timezone.now()
    due = _overdue(now).order_by("pk")
    expired = 0
    for order_id in list(due.values_list("pk", flat=True)):
        if order_expire_if_unpaid(order_id=order_id, now=now):
            expired += 1
    return expired
