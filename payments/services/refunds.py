"""Refunds: every one recorded (amount, provider reference, who, why), never more than was paid.

`payment_refund` is general (full or partial, any provider) so that returns can use it later:
1. one transaction reserves the amount on the payment (`refunded_amount`, row lock; the database
   constraint `refunded_amount <= amount` backs the check) and writes a "requested" Refund;
2. the gateway is called outside that transaction with the refund's own idempotency key (a retry
   cannot refund twice); channels the gateway cannot refund, and bank transfers, are recorded
   as manual refunds that staff pay back themselves;
3. a second transaction marks it refunded, or failed (giving the reserved amount back).
When the payments of a refund-due order are paid back in full, the order's flag is cleared.
"""

import logging

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hurtrock.templatetags.rupiah import format_rupiah
from orders.services import order_refund_due_set
from payments.errors import GatewayError, RefundError
from payments.gateways import midtrans_api, stripe_api
from payments.models import Payment, PaymentStatus, Provider, Refund, RefundKind, RefundStatus
from payments.selectors import gateway_credentials
from payments.services.confirmation import payment_event_record

logger = logging.getLogger(__name__)


def refund_kind_for(payment: Payment) -> str:
    if payment.provider == Provider.STRIPE:
        return RefundKind.GATEWAY
    if payment.provider == Provider.MIDTRANS:
        payment_type = (payment.last_response or {}).get("payment_type", "")
        return RefundKind.GATEWAY if payment_type in midtrans_api.API_REFUNDABLE_TYPES else RefundKind.MANUAL
    return RefundKind.MANUAL


@transaction.atomic
def _reserve(*, payment: Payment, amount: int, reason: str, user, kind: str, reference: str = "") -> Refund:
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status != PaymentStatus.PAID:
        raise RefundError(_("Only a paid payment can be refunded."))
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise RefundError(_("The refund must be a whole number of rupiah, at least Rp 1."))
    if amount > locked.refundable_amount:
        raise RefundError(
            _("At most %(left)s of this payment can still be refunded.")
            % {"left": format_rupiah(locked.refundable_amount)}
        )
    if not reason.strip():
        raise RefundError(_("Say why the money is paid back."))
    Payment.objects.filter(pk=locked.pk).update(
        refunded_amount=F("refunded_amount") + amount, updated_at=timezone.now()
    )
    return Refund.objects.create(
        payment=locked, amount=amount, kind=kind, reason=reason.strip(), user=user, provider_reference=reference
    )


def _settle_order_flag(payment: Payment, *, user) -> None:
    order = payment.order
    if not order.is_refund_due:
        return
    paid = order.payments.filter(status=PaymentStatus.PAID)
    totals = paid.aggregate(amount=Sum("amount"), refunded=Sum("refunded_amount"))
    settled = order.payments.filter(refunds__status=RefundStatus.SUCCEEDED).exists()
    if settled and (totals["amount"] or 0) == (totals["refunded"] or 0):
        order_refund_due_set(order=order, is_due=False, note=_("Refunded in full."), user=user)


@transaction.atomic
def _complete(refund: Refund, *, answer: dict, reference: str, user) -> Refund:
    refund.status = RefundStatus.SUCCEEDED
    refund.gateway_response = answer
    refund.provider_reference = reference or refund.provider_reference
    refund.completed_at = timezone.now()
    refund.save()
    payment = refund.payment
    payment_event_record(
        payment=payment,
        from_status=payment.status,
        to_status=payment.status,
        note=_("Refunded %(amount)s (%(kind)s): %(reason)s")
        % {"amount": format_rupiah(refund.amount), "kind": refund.get_kind_display(), "reason": refund.reason},
        user=user,
    )
    _settle_order_flag(payment, user=user)
    return refund


@transaction.atomic
def _fail(refund: Refund, *, message: str, user) -> Refund:
    Payment.objects.filter(pk=refund.payment_id).update(refunded_amount=F("refunded_amount") - refund.amount)
    refund.status = RefundStatus.FAILED
    refund.failure_message = message
    refund.completed_at = timezone.now()
    refund.save()
    payment_event_record(
        payment=refund.payment,
        from_status=refund.payment.status,
        to_status=refund.payment.status,
        note=_("Refund of %(amount)s failed: %(message)s")
        % {"amount": format_rupiah(refund.amount), "message": message},
        user=user,
    )
    return refund


def payment_refund(*, payment: Payment, amount: int, reason: str, user, manual_reference: str = "") -> Refund:
    """Pay `amount` rupiah of `payment` back. Raises RefundError; the Refund row records the result
    (status "failed" with the gateway's message when the gateway refused)."""
    kind = refund_kind_for(payment)
    refund = _reserve(payment=payment, amount=amount, reason=reason, user=user, kind=kind, reference=manual_reference)
    if kind == RefundKind.MANUAL:
        return _complete(refund, answer={}, reference=manual_reference, user=user)
    credentials = gateway_credentials(payment.provider)
    key = str(refund.idempotency_key)
    try:
        if payment.provider == Provider.STRIPE:
            answer = stripe_api.refund_create(
                credentials=credentials, payment=payment, amount=amount, key=key, reason=reason
            )
            reference = answer.get("id", "")
        else:
            answer = midtrans_api.refund_create(
                credentials=credentials, payment=payment, amount=amount, key=key, reason=reason
            )
            reference = key
    except GatewayError as error:
        logger.warning("payments: refund of %s on %s failed: %s", amount, payment, error.message)
        _fail(refund, message=error.message, user=user)
        raise RefundError(_("The gateway refused the refund: %(message)s") % {"message": error.message})
    return _complete(refund, answer=answer, reference=reference, user=user)


@transaction.atomic
def refunds_record_reported(*, payment: Payment, reported: tuple[tuple[str, int], ...], user=None) -> list[Refund]:
    """Refunds the gateway reports that we did not make here (e.g. from its dashboard): recorded once."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    made = []
    for reference, amount in reported:
        if Refund.objects.filter(payment=locked, provider_reference=reference).exists():
            continue
        if amount > locked.amount - locked.refunded_amount:
            logger.warning("payments: reported refund %s exceeds what is left on %s", reference, locked)
            continue
        locked.refunded_amount += amount
        Payment.objects.filter(pk=locked.pk).update(refunded_amount=locked.refunded_amount)
        refund = Refund.objects.create(
            payment=locked,
            amount=amount,
            kind=RefundKind.GATEWAY,
            status=RefundStatus.SUCCEEDED,
            provider_reference=reference,
            reason=_("Refund reported by the gateway."),
            user=user,
            completed_at=timezone.now(),
        )
        payment_event_record(
            payment=locked,
            from_status=locked.status,
            to_status=locked.status,
            note=_("The gateway reports a refund of %(amount)s.") % {"amount": format_rupiah(amount)},
            user=user,
        )
        made.append(refund)
    if made:
        _settle_order_flag(locked, user=user)
    return made
