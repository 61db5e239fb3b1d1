"""Midtrans Snap through the official SDK (midtransclient): hosted Snap page, status API, refunds.

The notification's `signature_key` is checked here (the SDK does not): SHA-512 of order_id +
status_code + gross_amount + server key, over the payload's exact strings, in constant time. The
notification then only says "go and look": the status API's answer is what we act on.
"""

import hashlib
import hmac
import logging
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import midtransclient
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from payments.errors import GatewayError
from payments.gateways.base import GatewayResult, PaymentLine
from payments.gateways.http import TimeoutSession
from payments.models import PaymentStatus
from payments.selectors import GatewayCredentials

logger = logging.getLogger(__name__)
WIB = ZoneInfo("Asia/Jakarta")
NAME_LIMIT = 50  # Midtrans refuses longer item names
# Channels Midtrans can refund through its API; virtual accounts and the like are refunded by hand.
API_REFUNDABLE_TYPES = frozenset({"credit_card", "gopay", "shopeepay", "qris"})
_FAILURES = (
    midtransclient.error_midtrans.MidtransAPIError,
    midtransclient.error_midtrans.JSONDecodeError,  # a non-JSON answer (a proxy's error page)
    OSError,
    ValueError,
)


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def snap(credentials: GatewayCredentials, *, headers: dict | None = None) -> midtransclient.Snap:
    client = midtransclient.Snap(
        is_production=credentials.is_production,
        server_key=credentials.secret_key,
        client_key=credentials.public_key,
        custom_headers=dict(headers or {}),
    )
    config = client.api_config
    if settings.MIDTRANS_SNAP_BASE:
        config.SNAP_SANDBOX_BASE_URL = config.SNAP_PRODUCTION_BASE_URL = settings.MIDTRANS_SNAP_BASE.rstrip("/")
    if settings.MIDTRANS_API_BASE:
        config.CORE_SANDBOX_BASE_URL = config.CORE_PRODUCTION_BASE_URL = settings.MIDTRANS_API_BASE.rstrip("/")
    client.http_client.http_client = TimeoutSession()
    return client


def _error_text(error: Exception, credentials: GatewayCredentials) -> str:
    response = getattr(error, "api_response_dict", None) or {}
    message = (
        response.get("status_message") or "; ".join(response.get("error_messages", [])) or error.__class__.__name__
    )
    if credentials.secret_key:
        message = message.replace(credentials.secret_key, "****")
    return str(message)[:400]


def _status_code(error: Exception) -> str:
    response = getattr(error, "api_response_dict", None) or {}
    return str(response.get("status_code") or getattr(error, "http_status_code", "") or "")


def rupiah(value) -> int | None:
    """ "150000.00" → 150000; None for anything that is not a whole number of rupiah."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return int(amount) if amount == amount.to_integral_value() else None


@sensitive_variables("server_key")
def signature_valid(payload: dict, server_key: str) -> bool:
    fields = [payload.get(name) for name in ("order_id", "status_code", "gross_amount")]
    given = payload.get("signature_key")
    if not server_key or not isinstance(given, str) or not all(isinstance(f, str) for f in fields):
        return False
    expected = hashlib.sha512(("".join(fields) + server_key).encode()).hexdigest()
    return hmac.compare_digest(expected, given)


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def snap_transaction_create(
    *,
    credentials: GatewayCredentials,
    payment,
    lines: list[PaymentLine],
    finish_url: str,
    notification_url: str,
    expires_at: datetime,
) -> dict:
    order = payment.order
    now = timezone.now()
    minutes = max(1, int((expires_at - now).total_seconds() // 60))
    params = {
        "transaction_details": {"order_id": payment.provider_reference, "gross_amount": payment.amount},
        "item_details": [
            {"id": line.code[:50], "price": line.unit_price, "quantity": line.quantity, "name": line.name[:NAME_LIMIT]}
            for line in lines
        ],
        "customer_details": {
            "first_name": order.recipient_name[:255],
            "email": order.email,
            "phone": order.phone,
            "shipping_address": {
                "first_name": order.recipient_name[:255],
                "phone": order.phone,
                "address": order.street,
                "city": order.city,
                "postal_code": order.postal_code,
                "country_code": "IDN",
            },
        },
        "enabled_payments": list(credentials.enabled_payments),
        "expiry": {
            "start_time": timezone.localtime(now, WIB).strftime("%Y-%m-%d %H:%M:%S %z"),
            "unit": "minute",
            "duration": minutes,
        },
        "callbacks": {"finish": finish_url},
        "custom_field1": order.number,
    }
    client = snap(credentials, headers={"X-Override-Notification": notification_url})
    try:
        return client.create_transaction(params)
    except _FAILURES as error:
        logger.warning("midtrans: Snap create failed for %s: %s", order.number, _error_text(error, credentials))
        raise GatewayError(_("The payment page could not be opened. Please try again in a moment."))


class TransactionMissing(GatewayError):
    """Midtrans has no transaction under this order id (the buyer never picked a channel)."""


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def transaction_status(*, credentials: GatewayCredentials, reference: str) -> dict:
    try:
        return snap(credentials).transactions.status(reference)
    except midtransclient.error_midtrans.MidtransAPIError as error:
        if _status_code(error) == "404":
            raise TransactionMissing(_error_text(error, credentials))
        raise GatewayError(_error_text(error, credentials))
    except (OSError, ValueError, midtransclient.error_midtrans.JSONDecodeError) as error:
        raise GatewayError(_error_text(error, credentials))


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def transaction_expire(*, credentials: GatewayCredentials, reference: str) -> None:
    try:
        snap(credentials).transactions.expire(reference)
    except _FAILURES as error:
        logger.info("midtrans: could not expire %s: %s", reference, _error_text(error, credentials))


def _method_detail(status: dict) -> str:
    payment_type = status.get("payment_type", "")
    if payment_type == "bank_transfer":
        numbers = status.get("va_numbers") or []
        if numbers and numbers[0].get("bank"):
            return f"{numbers[0]['bank']}_va"
        if status.get("permata_va_number"):
            return "permata_va"
    return payment_type


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=WIB)
    except ValueError:
        return None


def status_result(status: dict) -> GatewayResult:
    """transaction_status / fraud_status as Midtrans documents them, onto our payment statuses."""
    transaction = status.get("transaction_status", "")
    fraud = status.get("fraud_status", "")
    if transaction == "settlement" or (transaction == "capture" and fraud == "accept"):
        result = PaymentStatus.PAID
    elif transaction == "capture":  # challenge (or no verdict yet): a person has to look
        result = PaymentStatus.ON_HOLD
    elif transaction in ("refund", "partial_refund"):
        result = PaymentStatus.PAID
    elif transaction in ("deny", "failure"):
        result = PaymentStatus.FAILED
    elif transaction == "cancel":
        result = PaymentStatus.CANCELLED
    elif transaction == "expire":
        result = PaymentStatus.EXPIRED
    else:  # pending, authorize
        result = PaymentStatus.PENDING
    refunds = tuple(
        (str(item.get("refund_key") or item.get("refund_chargeback_id") or ""), rupiah(item.get("refund_amount")) or 0)
        for item in status.get("refunds") or []
    )
    detail = _method_detail(status)
    note = _("Midtrans: %(status)s%(fraud)s%(channel)s.") % {
        "status": transaction or "?",
        "fraud": f" / {fraud}" if fraud else "",
        "channel": f" ({detail})" if detail else "",
    }
    return GatewayResult(
        status=result,
        amount=rupiah(status.get("gross_amount")),
        currency=(status.get("currency") or "IDR").upper(),
        raw=status,
        method_detail=detail,
        paid_at=_parse_time(status.get("settlement_time")) if result == PaymentStatus.PAID else None,
        note=note,
        refunds=tuple(item for item in refunds if item[0] and item[1] > 0),
    )


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def refund_create(*, credentials: GatewayCredentials, payment, amount: int, key: str, reason: str) -> dict:
    try:
        return snap(credentials).transactions.refund(
            payment.provider_reference, {"refund_key": key, "amount": amount, "reason": reason[:255]}
        )
    except _FAILURES as error:
        raise GatewayError(_error_text(error, credentials))


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def review_decide(*, credentials: GatewayCredentials, reference: str, approve: bool) -> dict:
    """Accept (approve) or deny a card payment that Midtrans' fraud detection put on "challenge"."""
    transactions = snap(credentials).transactions
    try:
        return transactions.approve(reference) if approve else transactions.deny(reference)
    except _FAILURES as error:
        raise GatewayError(_error_text(error, credentials))


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def keys_check(*, credentials: GatewayCredentials) -> tuple[bool, str]:
    """Ask the status API for an order that does not exist: 404 means the key was accepted, 401 not."""
    if not credentials.secret_key:
        return False, _("No server key is set.")
    try:
        snap(credentials).transactions.status("hurtrock-key-check")
    except midtransclient.error_midtrans.MidtransAPIError as error:
        if _status_code(error) == "404":
            mode = _("production") if credentials.is_production else _("sandbox")
            return True, _("Midtrans accepted the server key (%(mode)s).") % {"mode": mode}
        return False, _error_text(error, credentials)
    except (OSError, ValueError, midtransclient.error_midtrans.JSONDecodeError) as error:
        return False, _error_text(error, credentials)
    return True, _("Midtrans accepted the server key.")
