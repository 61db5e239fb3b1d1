"""Reconciliation: ask the gateway about payments still open after a few minutes, so a lost
notification still ends in the right state. Uses the same confirmation service as the webhooks."""

import logging
from collections import Counter
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from payments.errors import GatewayError
from payments.gateways import midtrans_api, stripe_api
from payments.gateways.base import GatewayResult
from payments.models import Payment, PaymentStatus, Provider
from payments.selectors import gateway_credentials, payments_to_reconcile
from payments.services.confirmation import ApplyOutcome, payment_apply_result

logger = logging.getLogger(__name__)


def payment_refresh(*, payment: Payment, now: datetime | None = None) -> ApplyOutcome | None:
    """Ask the gateway for this payment's status and apply it. None when there is nothing to ask."""
    now = now or timezone.now()
    credentials = gateway_credentials(payment.provider)
    if payment.provider not in (Provider.STRIPE, Provider.MIDTRANS) or not payment.provider_reference:
        return None
    if not credentials.is_complete:
        raise GatewayError(f"{payment.provider} is not configured")
    if payment.provider == Provider.STRIPE:
        session = stripe_api.checkout_session_retrieve(credentials=credentials, session_id=payment.provider_reference)
        return payment_apply_result(payment=payment, result=stripe_api.session_result(session))
    try:
        status = midtrans_api.transaction_status(credentials=credentials, reference=payment.provider_reference)
    except midtrans_api.TransactionMissing:
        # The buyer never picked a channel on the Snap page: once the page has expired, so has the payment.
        if payment.expires_at and payment.expires_at <= now:
            result = GatewayResult(
                status=PaymentStatus.EXPIRED,
                amount=None,
                currency=payment.currency,
                raw={},
                note="Midtrans: no transaction; Snap page expired.",
            )
            return payment_apply_result(payment=payment, result=result)
        return None
    from payments.services.notifications import midtrans_record_update

    outcome = payment_apply_result(payment=payment, result=midtrans_api.status_result(status))
    midtrans_record_update(payment, status)
    return outcome


def payments_reconcile(*, now: datetime | None = None, older_than_minutes: int | None = None) -> Counter:
    """Refresh every open gateway payment older than the threshold; returns counts per outcome."""
    now = now or timezone.now()
    counts: Counter = Counter()
    for payment in payments_to_reconcile(now=now, older_than_minutes=older_than_minutes):
        try:
            outcome = payment_refresh(payment=payment, now=now)
        except GatewayError as error:
            logger.warning("payments: reconcile %s failed: %s", payment, error.message)
            counts["error"] += 1
            continue
        counts[outcome.code if outcome else "unchanged"] += 1
    return counts


def payment_review_decide(*, payment: Payment, approve: bool, user) -> ApplyOutcome | None:
    """Staff decide a payment on hold (Midtrans "challenge"): tell Midtrans, then apply its new status."""
    if payment.provider != Provider.MIDTRANS or payment.status != PaymentStatus.ON_HOLD:
        raise GatewayError(_("Only a Midtrans payment on hold for review can be accepted or denied."))
    credentials = gateway_credentials(payment.provider)
    midtrans_api.review_decide(credentials=credentials, reference=payment.provider_reference, approve=approve)
    status = midtrans_api.transaction_status(credentials=credentials, reference=payment.provider_reference)
    from payments.services.notifications import midtrans_record_update

    outcome = payment_apply_result(payment=payment, result=midtrans_api.status_result(status), user=user)
    midtrans_record_update(payment, status)
    return outcome
