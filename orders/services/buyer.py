"""What a buyer may do to their own order: cancel it while unpaid, confirm that it arrived.

Both go through `order_transition` (row lock, pipeline, stock back through the ledger, event,
e-mail); the checks here are the buyer's rights on top of the pipeline, re-read under the lock so
that a payment confirmed at the same moment wins. Shipped orders nobody confirms become delivered
after ORDER_AUTO_DELIVER_DAYS (`orders_auto_deliver`, run by `manage.py auto_deliver_orders`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.errors import IllegalTransition, OrderError
from orders.models import Order, OrderStatus
from orders.services.expiry import EXPIRY_HOLDS
from orders.services.status import order_transition


def order_buyer_can_cancel(order: Order) -> bool:
    """An unpaid order whose money is not being checked (no proof of transfer waiting, no payment on hold)."""
    if order.status != OrderStatus.PENDING:
        return False
    not_held = Order.objects.filter(pk=order.pk)
    for hold in EXPIRY_HOLDS:
        not_held = hold(not_held)
    return not_held.exists()


@transaction.atomic
def order_cancel_by_buyer(*, order: Order, user) -> Order:
    """The buyer cancels their unpaid order; its stock goes back once, through the ledger."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.user_id != user.pk:
        raise OrderError(_("This is not your order."))
    if locked.status != OrderStatus.PENDING:
        raise OrderError(_("Only an order awaiting payment can be cancelled here. Please contact the store."))
    if not order_buyer_can_cancel(locked):
        raise OrderError(_("Your payment is being checked, so the order cannot be cancelled now."))
    return order_transition(order=order, to_status=OrderStatus.CANCELLED, user=user, event_code="cancelled_by_buyer")


@transaction.atomic
def order_confirm_receipt(*, order: Order, user) -> Order:
    """The buyer says the parcel arrived: shipped → delivered."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.user_id != user.pk:
        raise OrderError(_("This is not your order."))
    if locked.status != OrderStatus.SHIPPED:
        raise OrderError(_("Only a shipped order can be confirmed as received."))
    return order_transition(order=order, to_status=OrderStatus.DELIVERED, user=user, event_code="received_by_buyer")


def orders_auto_deliver(*, now: datetime | None = None) -> int:
    """Mark delivered every order shipped more than ORDER_AUTO_DELIVER_DAYS ago. Returns how many."""
    now = now or timezone.now()
    days = settings.ORDER_AUTO_DELIVER_DAYS
    due = Order.objects.filter(status=OrderStatus.SHIPPED, shipped_at__lte=now - timedelta(days=days))
    delivered = 0
    for order in due.order_by("pk"):
        try:
            order_transition(
                order=order, to_status=OrderStatus.DELIVERED, event_code="auto_delivered", event_params={"days": days}
            )
        except IllegalTransition:
            continue  # the buyer or staff moved it first
        delivered += 1
    return delivered
