"""The one way an order changes status: `order_transition`, following `ORDER_TRANSITIONS`.

Every change locks the order row, checks the pipeline, applies the change's side effects (stock
back through the ledger on cancel/expiry, the best-seller counter on payment, tracking details on
shipping), writes an `OrderEvent` and schedules the buyer's e-mail after commit.
"""

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from inventory.errors import InsufficientStock
from inventory.services import stock_release, stock_reserve
from orders.errors import IllegalTransition, OrderError, StockUnavailable
from orders.events import order_event_record
from orders.models import ORDER_TRANSITIONS, STOCK_HOLDING_STATUSES, Order, OrderStatus
from orders.services.emails import order_email_enqueue
from orders.services.promotions import promotions_give_back, promotions_take_again

# Which e-mail the buyer receives when the order reaches a status (none for "processing").
STATUS_EMAILS = {
    OrderStatus.PAID: "paid",
    OrderStatus.SHIPPED: "shipped",
    OrderStatus.DELIVERED: "delivered",
    OrderStatus.CANCELLED: "cancelled",
    OrderStatus.EXPIRED: "expired",
}
_COPIED_FIELDS = (
    "status",
    "paid_at",
    "shipped_at",
    "delivered_at",
    "cancelled_at",
    "tracking_courier",
    "tracking_number",
    "is_refund_due",
    "updated_at",
)


def _units_sold_change(order: Order, *, sign: int) -> None:
    """Move the denormalised best-seller counter of every product on the order, in one UPDATE."""
    quantities = dict(order.lines.values_list("product_id", "quantity"))
    if not quantities:
        return
    delta = Case(*[When(pk=pk, then=Value(qty)) for pk, qty in quantities.items()], default=Value(0))
    new_value = F("units_sold") + delta if sign > 0 else Greatest(F("units_sold") - delta, Value(0))
    Product.objects.filter(pk__in=quantities).update(units_sold=new_value)


def _stock_give_back(order: Order, *, user) -> None:
    lines = list(order.lines.values_list("product_id", "quantity"))
    if lines:
        stock_release(lines=lines, reference=f"order:{order.number}", user=user)


def _stock_take_again(order: Order, *, user) -> None:
    """An expired order that is paid after all holds its stock again, or raises StockUnavailable."""
    lines = list(order.lines.values_list("product_id", "quantity"))
    if not lines:
        return
    try:
        stock_reserve(lines=lines, reference=f"order:{order.number}", user=user)
    except InsufficientStock as error:
        raise StockUnavailable(error.message)


@transaction.atomic
def order_transition(
    *,
    order: Order,
    to_status: str,
    user=None,
    note: str = "",
    tracking_courier: str = "",
    tracking_number: str = "",
    event_code: str = "",
    event_params: dict | None = None,
    note_is_public: bool = False,
) -> Order:
    """Move `order` to `to_status` if the pipeline allows it; raise IllegalTransition otherwise.

    The event is written as `event_code` (orders/events.py, shown in the reader's language) with
    `event_params`, plus the free-text `note` if any (internal unless `note_is_public`).

    The caller's `order` instance is updated too, and the locked, saved row is returned.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    from_status = locked.status
    if to_status not in ORDER_TRANSITIONS[from_status]:
        raise IllegalTransition(from_status=from_status, to_status=to_status)

    now = timezone.now()
    locked.status = to_status
    if to_status == OrderStatus.PAID:
        if from_status not in STOCK_HOLDING_STATUSES:
            _stock_take_again(locked, user=user)
            promotions_take_again(order=locked)
            locked.cancelled_at = None
        locked.paid_at = now
        _units_sold_change(locked, sign=+1)
    elif to_status == OrderStatus.SHIPPED:
        if not tracking_number.strip():
            raise OrderError(_("A tracking number is needed to mark an order shipped."))
        locked.shipped_at = now
        locked.tracking_courier = (tracking_courier or locked.shipping_courier).strip()
        locked.tracking_number = tracking_number.strip()
    elif to_status == OrderStatus.DELIVERED:
        locked.delivered_at = now
    elif to_status in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
        locked.cancelled_at = now
        if from_status in STOCK_HOLDING_STATUSES:
            _stock_give_back(locked, user=user)
        promotions_give_back(order=locked, now=now)
        if from_status == OrderStatus.PAID:
            locked.is_refund_due = True
            _units_sold_change(locked, sign=-1)
    locked.save(update_fields=list(_COPIED_FIELDS))

    order_event_record(
        locked,
        event_code,
        user=user,
        from_status=from_status,
        to_status=to_status,
        note=note,
        note_is_public=note_is_public,
        **(event_params or {}),
    )
    if to_status in STATUS_EMAILS:
        order_email_enqueue(order=locked, kind=STATUS_EMAILS[to_status])

    for name in _COPIED_FIELDS:
        setattr(order, name, getattr(locked, name))
    return locked


def order_mark_paid(*, order: Order, user=None, note: str = "", note_is_public: bool = False) -> Order:
    """Payment received (bank transfer confirmed by staff, or a gateway's verified notification)."""
    return order_transition(
        order=order, to_status=OrderStatus.PAID, user=user, note=note, note_is_public=note_is_public
    )


@transaction.atomic
def order_mark_shipped(
    *, order: Order, tracking_number: str, courier: str = "", user=None, note: str = "", note_is_public: bool = False
) -> Order:
    """Hand the parcel to the courier. A paid order passes through "processing" first (two events)."""
    if not tracking_number.strip():
        raise OrderError(_("A tracking number is needed to mark an order shipped."))
    current = Order.objects.select_for_update().only("status").get(pk=order.pk).status
    if current == OrderStatus.PAID:
        order_transition(order=order, to_status=OrderStatus.PROCESSING, user=user, event_code="packed")
    return order_transition(
        order=order,
        to_status=OrderStatus.SHIPPED,
        user=user,
        note=note,
        note_is_public=note_is_public,
        tracking_courier=courier,
        tracking_number=tracking_number,
        event_code="shipped",
        event_params={"courier": courier or order.shipping_courier, "number": tracking_number.strip()},
    )


def order_cancel(*, order: Order, user=None, note: str = "", note_is_public: bool = False) -> Order:
    """Cancel a pending or paid order; its stock goes back through the ledger."""
    return order_transition(
        order=order, to_status=OrderStatus.CANCELLED, user=user, note=note, note_is_public=note_is_public
    )


@transaction.atomic
def order_refund_due_set(*, order: Order, is_due: bool, note: str, user=None) -> Order:
    """Flag (or clear) "refund due" with an event: money to pay back that is not a status change.

    Used when a payment arrives for an order that cannot be fulfilled any more, and when the
    refunds of an order have paid the buyer back.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    locked.is_refund_due = is_due
    locked.save(update_fields=["is_refund_due", "updated_at"])
    order_event_record(locked, user=user, note=note)
    order.is_refund_due = is_due
    return locked


@transaction.atomic
def order_payment_method_change(*, order: Order, payment_method: str, user=None) -> Order:
    """The buyer switches how they pay a pending order (offered methods only), with an event."""
    from orders.selectors import payment_methods_available

    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status != OrderStatus.PENDING:
        raise OrderError(_("Only an order awaiting payment can change its payment method."))
    if payment_method not in payment_methods_available():
        raise OrderError(_("This payment method is not available."))
    if locked.payment_method != payment_method:
        locked.payment_method = payment_method
        locked.save(update_fields=["payment_method", "updated_at"])
        order_event_record(locked, "payment_method_changed", user=user, method=locked.payment_method)
    order.payment_method = locked.payment_method
    return locked
