"""Starting, resuming and switching a gateway payment for a pending order ("Pay now").

A new attempt is a Payment row (its own idempotency key) created under the order's row lock; the
gateway is called after that short transaction, never while holding the lock. An open attempt the
buyer can still go back to is resumed instead of starting another, and starting another expires
the previous one at its gateway, so one order is not paid twice by accident.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import Order, OrderStatus
from payments.errors import GatewayError, PaymentError
from payments.gateways import midtrans_api, stripe_api
from payments.gateways.base import order_payment_lines
from payments.models import GATEWAYS, OPEN_PAYMENT_STATUSES, MidtransTransaction, Payment, PaymentStatus, Provider
from payments.selectors import gateway_credentials, payment_open_for
from payments.services.confirmation import payment_event_record

logger = logging.getLogger(__name__)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _next_attempt(order: Order) -> int:
    return (Payment.objects.filter(order=order).aggregate(n=Max("attempt"))["n"] or 0) + 1


@transaction.atomic
def payment_attempt_create(*, order: Order, provider: str, user=None) -> Payment:
    """A fresh attempt row (status "started"); for Midtrans its order id is known up front."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    attempt = _next_attempt(locked)
    payment = Payment.objects.create(
        order=locked,
        attempt=attempt,
        provider=provider,
        provider_reference=f"{locked.number}-{attempt}" if provider == Provider.MIDTRANS else "",
        amount=locked.total,
        currency="IDR",
    )
    payment_event_record(
        payment=payment, from_status="", to_status=PaymentStatus.CREATED, note=_("Payment started."), user=user
    )
    return payment


def _previous_attempts_close(*, order: Order, keep: Payment) -> None:
    """Best effort: expire other open gateway attempts so the buyer cannot pay them as well."""
    others = Payment.objects.filter(order=order, provider__in=GATEWAYS, status__in=OPEN_PAYMENT_STATUSES).exclude(
        pk=keep.pk
    )
    for other in others.exclude(provider_reference=""):
        credentials = gateway_credentials(other.provider)
        if not credentials.is_complete:
            continue
        if other.provider == Provider.STRIPE:
            stripe_api.checkout_session_expire(credentials=credentials, session_id=other.provider_reference)
        else:
            midtrans_api.transaction_expire(credentials=credentials, reference=other.provider_reference)


def _gateway_expiry(order: Order, provider: str):
    now = timezone.now()
    deadline = order.payment_due_at or now + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    if provider == Provider.STRIPE:
        # Stripe takes 30 minutes to 24 hours: a shorter remaining time gets the minimum, and a
        # payment after the order's own deadline is handled by the confirmation service.
        seconds = (deadline - now).total_seconds()
        seconds = min(max(seconds, stripe_api.STRIPE_MIN_SESSION_SECONDS), stripe_api.STRIPE_MAX_SESSION_SECONDS)
        return now + timedelta(seconds=seconds)
    return max(deadline, now + timedelta(minutes=1))


def _open_at_gateway(payment: Payment, *, user) -> Payment:
    order = payment.order
    credentials = gateway_credentials(payment.provider)
    lines = order_payment_lines(order)
    expires_at = _gateway_expiry(order, payment.provider)
    try:
        if payment.provider == Provider.STRIPE:
            back = _site(reverse("payments:payment_return", kwargs={"public_id": payment.public_id}))
            session = stripe_api.checkout_session_create(
                credentials=credentials,
                payment=payment,
                lines=lines,
                customer_email=order.email,
                success_url=f"{back}?result=success&session_id={{CHECKOUT_SESSION_ID}}",
                cancel_url=f"{back}?result=cancel",
                expires_at=expires_at,
                language=order.language,
            )
            reference, url, raw = session["id"], session["url"], session
        else:
            answer = midtrans_api.snap_transaction_create(
                credentials=credentials,
                payment=payment,
                lines=lines,
                finish_url=_site(reverse("payments:midtrans_finish")),
                notification_url=_site(reverse("payments:midtrans_notification")),
                expires_at=expires_at,
            )
            reference, url, raw = payment.provider_reference, answer["redirect_url"], answer
            MidtransTransaction.objects.create(
                payment=payment,
                order=order,
                gross_amount=payment.amount,
                snap_token=answer.get("token", ""),
                snap_redirect_url=url,
                midtrans_response=answer,
            )
    except GatewayError as error:
        with transaction.atomic():
            Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.FAILED, updated_at=timezone.now())
            payment_event_record(
                payment=payment,
                from_status=payment.status,
                to_status=PaymentStatus.FAILED,
                note=error.message,
                user=user,
            )
        raise
    with transaction.atomic():
        payment.provider_reference = reference
        payment.redirect_url = url
        payment.expires_at = expires_at
        payment.create_response = raw
        payment.status = PaymentStatus.PENDING
        payment.save()
        payment_event_record(
            payment=payment,
            from_status=PaymentStatus.CREATED,
            to_status=PaymentStatus.PENDING,
            note=_("Payment page opened at %(provider)s.") % {"provider": payment.get_provider_display()},
            user=user,
        )
    return payment


def payment_start(*, order: Order, user=None, restart: bool = False) -> Payment:
    """The payment the buyer should be sent to for the order's method: resumed or newly opened.

    Raises PaymentError when the order cannot be paid (not pending, past its deadline, method not
    a configured gateway) and GatewayError when the gateway refused.
    """
    order.refresh_from_db()
    provider = order.payment_method
    if order.status != OrderStatus.PENDING:
        raise PaymentError(_("This order is not awaiting payment."))
    if order.payment_due_at and order.payment_due_at <= timezone.now():
        raise PaymentError(_("The time to pay this order is over."))
    if provider not in GATEWAYS:
        raise PaymentError(_("This order is paid by bank transfer."))
    if not gateway_credentials(provider).is_usable:
        raise PaymentError(_("This payment method is not available right now. Please choose another one."))
    if not restart:
        existing = payment_open_for(order=order, provider=provider)
        if existing is not None:
            return existing
    payment = payment_attempt_create(order=order, provider=provider, user=user)
    payment.order = order
    _previous_attempts_close(order=order, keep=payment)
    return _open_at_gateway(payment, user=user)
