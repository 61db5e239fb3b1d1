"""The money side of a return: pay the buyer back through the gateway that took the payment.

`return_refund` claims the return first (status "refunding", under its row lock), so the same
refund submitted twice at once reaches the gateway once; the loser gets a RefundError. The amount
goes through `payment_refund` (the one refund service: per-refund idempotency key at the gateway,
`refunded_amount <= amount` checked under a lock and by a database constraint). A bank transfer
is recorded as a manual refund that staff pay back themselves, with their transfer reference.
"""

from django.utils.translation import gettext as _

from hurtrock.templatetags.rupiah import format_rupiah
from orders.errors import OrderError
from orders.models import ReturnRequest
from orders.services.returns import return_refund_abandon, return_refund_begin, return_refund_finish
from payments.errors import RefundError
from payments.models import Payment, PaymentStatus
from payments.services.refunds import payment_refund


def return_refund(*, return_request: ReturnRequest, user, manual_reference: str = "") -> ReturnRequest:
    """Refund a received return in full (its lines, plus shipping when the whole order came back).

    Uses the order's paid payments, most recent first, never more than each has left; raises
    RefundError when nothing (or not enough) is left to refund, or when the gateway refuses (the
    return goes back to "received" with what was paid so far, and staff may retry)."""
    try:
        claimed = return_refund_begin(return_request=return_request)
    except OrderError as error:
        raise RefundError(error.message)
    owed = claimed.refund_amount - claimed.refunded_amount
    payments = list(
        Payment.objects.filter(order_id=claimed.order_id, status=PaymentStatus.PAID).order_by("-paid_at", "-pk")
    )
    available = sum(payment.refundable_amount for payment in payments)
    if owed > available:
        return_refund_abandon(
            return_request=claimed,
            user=user,
            refunded=claimed.refunded_amount,
            message=_("only %(left)s of the payment is left to refund") % {"left": format_rupiah(available)},
        )
        raise RefundError(
            _("Only %(left)s of this order's payment can still be refunded.") % {"left": format_rupiah(available)}
        )
    refunded = claimed.refunded_amount
    reason = _("Return of order %(number)s") % {"number": claimed.order.number}
    for payment in payments:
        if refunded >= claimed.refund_amount:
            break
        amount = min(payment.refundable_amount, claimed.refund_amount - refunded)
        if amount < 1:
            continue
        try:
            payment_refund(payment=payment, amount=amount, reason=reason, user=user, manual_reference=manual_reference)
        except RefundError as error:
            return_refund_abandon(return_request=claimed, user=user, refunded=refunded, message=str(error))
            raise
        refunded += amount
    return_refund_finish(
        return_request=return_request,
        refunded=refunded,
        user=user,
        note=_("Refunded %(amount)s for the returned goods.") % {"amount": format_rupiah(refunded)},
    )
    return return_request
