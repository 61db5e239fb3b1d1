"""The one confirmation service every provider goes through (Stripe, Midtrans, bank transfer).

`payment_apply_result` takes a gateway's *verified* statement about a payment and, in one
transaction: locks the order and then the payment (the order first, as `order_transition` and the
expiry do, so they serialise without deadlocks), refuses a wrong amount or currency, moves the
payment forward only (`PAYMENT_TRANSITIONS`), and on "paid":
- a pending order becomes paid (event + "paid" e-mail through `order_mark_paid`);
- an expired order is revived when its stock can be reserved again, otherwise it is flagged
  "refund due" and staff are told;
- a cancelled order, or an order already paid by another attempt, is flagged "refund due" too.
A repeated or late statement changes nothing.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hurtrock.templatetags.rupiah import format_rupiah
from orders.errors import StockUnavailable
from orders.models import Order, OrderStatus
from orders.services import order_mark_paid, order_refund_due_set, order_transition
from payments.gateways.base import GatewayResult
from payments.models import PAYMENT_TRANSITIONS, Payment, PaymentEvent, PaymentStatus
from payments.services.alerts import staff_alert

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApplyOutcome:
    code: str  # "changed", "unchanged", "stale", "mismatch"
    detail: str
    payment: Payment


def payment_event_record(
    *, payment: Payment, from_status: str, to_status: str, note: str, user=None, notification=None
):
    return PaymentEvent.objects.create(
        payment=payment, from_status=from_status, to_status=to_status, note=note, user=user, notification=notification
    )


def _flag(payment: Payment, *, reason: str, user, notification) -> None:
    payment.is_flagged = True
    payment.flag_reason = "\n".join(part for part in (payment.flag_reason, reason) if part)
    payment_event_record(
        payment=payment,
        from_status=payment.status,
        to_status=payment.status,
        note=reason,
        user=user,
        notification=notification,
    )
    staff_alert(
        subject=_("Payment for order %(number)s needs attention") % {"number": payment.order.number},
        body=f"{reason}\n\n{payment.order.get_tracking_url()}",
    )


def _mismatch(payment: Payment, order: Order, result: GatewayResult) -> str:
    if result.currency != payment.currency:
        return _("The gateway reports %(got)s, the order is in %(expected)s.") % {
            "got": result.currency or "?",
            "expected": payment.currency,
        }
    if result.amount != payment.amount or payment.amount != order.total:
        return _("The gateway reports %(got)s paid, the order's total is %(expected)s.") % {
            "got": format_rupiah(result.amount) if result.amount is not None else "?",
            "expected": format_rupiah(order.total),
        }
    return ""


def _order_paid(order: Order, payment: Payment, *, note: str, user, notification) -> None:
    if order.status == OrderStatus.PENDING:
        order_mark_paid(order=order, user=user, note=note)
        return
    if order.status == OrderStatus.EXPIRED:
        try:
            with transaction.atomic():
                order_transition(
                    order=order,
                    to_status=OrderStatus.PAID,
                    user=user,
                    note=_("%(note)s Paid after the deadline; the items were reserved again.") % {"note": note},
                )
            return
        except StockUnavailable:
            reason = _(
                "Payment of %(amount)s arrived after order %(number)s expired and its items are no longer in stock: refund due."
            )
    elif order.status == OrderStatus.CANCELLED:
        reason = _("Payment of %(amount)s arrived for order %(number)s, which is cancelled: refund due.")
    else:
        reason = _("Order %(number)s was already paid; this second payment of %(amount)s must be refunded.")
    reason = reason % {"amount": format_rupiah(payment.amount), "number": order.number}
    order_refund_due_set(order=order, is_due=True, note=reason, user=user)
    _flag(payment, reason=reason, user=user, notification=notification)


def _record_reported_refunds(payment: Payment, result: GatewayResult, *, user) -> None:
    if result.refunds:
        from payments.services.refunds import refunds_record_reported

        refunds_record_reported(payment=payment, reported=result.refunds, user=user)


@transaction.atomic
def payment_apply_result(*, payment: Payment, result: GatewayResult, user=None, notification=None) -> ApplyOutcome:
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    locked.order = order
    locked.last_response = result.raw or locked.last_response
    locked.last_checked_at = timezone.now()
    if result.method_detail:
        locked.method_detail = result.method_detail[:60]
    from_status = locked.status
    target = result.status

    if target == from_status or target not in PAYMENT_TRANSITIONS[from_status]:
        locked.save(update_fields=["last_response", "last_checked_at", "method_detail", "updated_at"])
        if from_status == PaymentStatus.PAID:
            _record_reported_refunds(locked, result, user=user)
        code = "unchanged" if target == from_status else "stale"
        detail = _("The payment stays “%(status)s” (gateway says “%(target)s”).") % {
            "status": locked.get_status_display(),
            "target": PaymentStatus(target).label,
        }
        return ApplyOutcome(code=code, detail=detail, payment=locked)

    if target == PaymentStatus.PAID:
        mismatch = _mismatch(locked, order, result)
        if mismatch:
            locked.save(update_fields=["last_response", "last_checked_at", "method_detail", "updated_at"])
            if not locked.is_flagged or mismatch not in locked.flag_reason:
                _flag(locked, reason=_("Refused: %(why)s") % {"why": mismatch}, user=user, notification=notification)
                locked.save(update_fields=["is_flagged", "flag_reason", "updated_at"])
            logger.warning("payments: %s refused for order %s: %s", locked.provider, order.number, mismatch)
            return ApplyOutcome(code="mismatch", detail=mismatch, payment=locked)
        locked.paid_at = result.paid_at or timezone.now()

    locked.status = target
    locked.save()
    note = result.note or PaymentStatus(target).label
    payment_event_record(
        payment=locked, from_status=from_status, to_status=target, note=note, user=user, notification=notification
    )
    if target == PaymentStatus.PAID:
        method = locked.get_provider_display()
        order_note = _("Paid through %(provider)s%(detail)s, reference %(reference)s.") % {
            "provider": method,
            "detail": f" ({locked.method_detail})" if locked.method_detail else "",
            "reference": locked.provider_reference or locked.public_id,
        }
        _order_paid(order, locked, note=order_note, user=user, notification=notification)
        locked.save(update_fields=["is_flagged", "flag_reason", "updated_at"])
        _record_reported_refunds(locked, result, user=user)
    elif target == PaymentStatus.ON_HOLD:
        staff_alert(
            subject=_("Payment for order %(number)s is on hold for review") % {"number": order.number},
            body=_(
                "The gateway flagged this payment for review (%(note)s). Accept or deny it in the gateway's dashboard."
            )
            % {"note": note},
        )
    payment.status = locked.status
    return ApplyOutcome(code="changed", detail=note, payment=locked)
