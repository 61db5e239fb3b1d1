"""Inbound gateway calls: verify, store every one, process each event once, answer the gateway.

Every call becomes a GatewayNotification row (raw body, headers without cookies or authorisation,
verified or not, outcome). A partial unique constraint allows one *counted* row per
(provider, event id): the row is inserted before processing, inside the processing transaction,
so two deliveries of one event racing each other process it once and the other is stored as a
duplicate. A failure rolls the processing back and is stored as "error" with a 5xx, so the
gateway delivers it again.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from payments.errors import GatewayError
from payments.gateways import midtrans_api, stripe_api
from payments.models import GatewayNotification, NotificationOutcome, Payment, Provider
from payments.selectors import gateway_credentials, payment_by_reference
from payments.services.confirmation import payment_apply_result

logger = logging.getLogger(__name__)
DROPPED_HEADERS = {"cookie", "authorization", "proxy-authorization"}


@dataclass(frozen=True)
class Inbound:
    body: bytes
    headers: dict
    remote_addr: str | None


@dataclass(frozen=True)
class Answer:
    status: int
    outcome: str
    detail: str = ""


def _store(
    inbound: Inbound,
    *,
    provider: str,
    outcome: str,
    verified: bool,
    event_id="",
    event_type="",
    detail="",
    payment=None,
):
    return GatewayNotification.objects.create(
        provider=provider,
        event_id=event_id[:255],
        event_type=event_type[:100],
        is_verified=verified,
        outcome=outcome,
        detail=detail,
        payment=payment,
        raw_body=inbound.body.decode("utf-8", errors="replace")[:100_000],
        headers={k: v for k, v in inbound.headers.items() if k.lower() not in DROPPED_HEADERS},
        remote_addr=inbound.remote_addr,
    )


_OUTCOME_CODES = {
    "changed": NotificationOutcome.PROCESSED,
    "unchanged": NotificationOutcome.PROCESSED,
    "stale": NotificationOutcome.PROCESSED,
    "mismatch": NotificationOutcome.MISMATCH,
}


def _process_once(
    inbound: Inbound,
    *,
    provider: str,
    event_id: str,
    event_type: str,
    reference: str,
    handle: Callable[[Payment, GatewayNotification], tuple[str, str]],
) -> Answer:
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    note = _store(
                        inbound,
                        provider=provider,
                        outcome=NotificationOutcome.PROCESSING,
                        verified=True,
                        event_id=event_id,
                        event_type=event_type,
                    )
            except IntegrityError:
                _store(
                    inbound,
                    provider=provider,
                    outcome=NotificationOutcome.DUPLICATE,
                    verified=True,
                    event_id=event_id,
                    event_type=event_type,
                    payment=payment_by_reference(provider=provider, reference=reference),
                )
                return Answer(200, NotificationOutcome.DUPLICATE)
            payment = payment_by_reference(provider=provider, reference=reference)
            if payment is None:
                note.outcome = NotificationOutcome.UNKNOWN
                note.detail = f"no payment {reference!r}"
                note.save(update_fields=["outcome", "detail"])
                logger.warning("payments: %s notification for unknown payment %r", provider, reference)
                return Answer(404, NotificationOutcome.UNKNOWN)
            outcome, detail = handle(payment, note)
            note.payment = payment
            note.outcome = outcome
            note.detail = detail
            note.save(update_fields=["payment", "outcome", "detail"])
            return Answer(200, outcome, detail)
    except (GatewayError, OSError) as error:
        message = getattr(error, "message", None) or error.__class__.__name__
        logger.warning("payments: %s notification %s could not be processed: %s", provider, event_id, message)
        _store(
            inbound,
            provider=provider,
            outcome=NotificationOutcome.ERROR,
            verified=True,
            event_id=event_id,
            event_type=event_type,
            detail=message,
            payment=payment_by_reference(provider=provider, reference=reference),
        )
        return Answer(503, NotificationOutcome.ERROR, message)


# --- Stripe ----------------------------------------------------------------------------------------
def stripe_webhook_receive(inbound: Inbound) -> Answer:
    credentials = gateway_credentials(Provider.STRIPE)
    signature = inbound.headers.get("Stripe-Signature", "")
    try:
        if not credentials.webhook_secret:
            raise ValueError("no webhook secret configured")
        event = stripe_api.webhook_event(credentials=credentials, body=inbound.body, signature=signature)
    except Exception as error:  # noqa: BLE001 - any failure to verify is a rejection
        logger.warning("payments: Stripe webhook rejected: %s", error.__class__.__name__)
        _store(
            inbound,
            provider=Provider.STRIPE,
            outcome=NotificationOutcome.REJECTED,
            verified=False,
            detail=error.__class__.__name__,
        )
        return Answer(400, NotificationOutcome.REJECTED)

    event_type = event.get("type", "")
    session = (event.get("data") or {}).get("object") or {}
    if event_type not in stripe_api.HANDLED_EVENTS:
        _store(
            inbound,
            provider=Provider.STRIPE,
            outcome=NotificationOutcome.IGNORED,
            verified=True,
            event_id=event.get("id", ""),
            event_type=event_type,
        )
        return Answer(200, NotificationOutcome.IGNORED)

    def handle(payment, note):
        if event_type == "checkout.session.completed" and session.get("payment_status") != "paid":
            # An asynchronous method (e.g. a bank debit): "async_payment_succeeded" follows.
            result = stripe_api.session_result({**session, "payment_status": "unpaid", "status": "open"})
        else:
            result = stripe_api.session_result(session, event_type=event_type)
        outcome = payment_apply_result(payment=payment, result=result, notification=note)
        return _OUTCOME_CODES[outcome.code], outcome.detail

    return _process_once(
        inbound,
        provider=Provider.STRIPE,
        event_id=event.get("id", ""),
        event_type=event_type,
        reference=session.get("id", ""),
        handle=handle,
    )


# --- Midtrans --------------------------------------------------------------------------------------
def midtrans_event_id(payload: dict, body: bytes) -> str:
    """Midtrans sends no event id: the same body delivered again is the same event."""
    digest = hashlib.sha256(body).hexdigest()[:24]
    return f"{payload.get('order_id', '')}:{payload.get('transaction_status', '')}:{digest}"


def midtrans_notification_receive(inbound: Inbound) -> Answer:
    credentials = gateway_credentials(Provider.MIDTRANS)
    try:
        payload = json.loads(inbound.body)
        if not isinstance(payload, dict):
            raise ValueError("not an object")
    except ValueError:
        _store(
            inbound,
            provider=Provider.MIDTRANS,
            outcome=NotificationOutcome.REJECTED,
            verified=False,
            detail="malformed",
        )
        return Answer(400, NotificationOutcome.REJECTED)
    if not midtrans_api.signature_valid(payload, credentials.secret_key):
        logger.warning("payments: Midtrans notification with an invalid signature for %r", payload.get("order_id"))
        _store(
            inbound,
            provider=Provider.MIDTRANS,
            outcome=NotificationOutcome.REJECTED,
            verified=False,
            event_type=str(payload.get("transaction_status", ""))[:100],
            detail="signature_key invalid",
        )
        return Answer(400, NotificationOutcome.REJECTED)

    reference = str(payload.get("order_id", ""))

    def handle(payment, note):
        # The notification is only a hint: the status API's answer is what counts.
        status = midtrans_api.transaction_status(credentials=credentials, reference=reference)
        result = midtrans_api.status_result(status)
        outcome = payment_apply_result(payment=payment, result=result, notification=note)
        _midtrans_record_update(payment, status)
        return _OUTCOME_CODES[outcome.code], outcome.detail

    return _process_once(
        inbound,
        provider=Provider.MIDTRANS,
        event_id=midtrans_event_id(payload, inbound.body),
        event_type=str(payload.get("transaction_status", "")),
        reference=reference,
        handle=handle,
    )


def _midtrans_record_update(payment: Payment, status: dict) -> None:
    """Keep the MidtransTransaction row (the seed's record) in step with the latest status."""
    from payments.models import MidtransTransaction

    result = midtrans_api.status_result(status)
    record, _created = MidtransTransaction.objects.get_or_create(
        payment=payment, defaults={"order_id": payment.order_id, "gross_amount": payment.amount}
    )
    record.transaction_id = status.get("transaction_id") or record.transaction_id
    record.payment_type = status.get("payment_type", "")[:40]
    record.transaction_status = status.get("transaction_status", "")[:40]
    record.fraud_status = status.get("fraud_status", "")[:40]
    record.status_code = str(status.get("status_code", ""))[:10]
    record.gross_amount = midtrans_api.rupiah(status.get("gross_amount")) or record.gross_amount
    record.settlement_time = result.paid_at or record.settlement_time
    record.midtrans_response = status
    record.save()


def midtrans_record_update(payment: Payment, status: dict) -> None:
    _midtrans_record_update(payment, status)


__all__ = ["Answer", "Inbound", "midtrans_notification_receive", "stripe_webhook_receive"]
