"""Stripe through the official SDK: hosted Checkout Sessions, signed webhooks, refunds.

IDR is a two-decimal currency at Stripe: rupiah go out × 100 and come back ÷ 100. Every session is
created with an idempotency key per attempt, and the client retries network errors twice (the SDK
replays the same key, so a retried create never makes a second session).
"""

import logging
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from payments.errors import GatewayError
from payments.gateways.base import GatewayResult, PaymentLine
from payments.models import PaymentStatus
from payments.selectors import GatewayCredentials

logger = logging.getLogger(__name__)

STRIPE_MIN_SESSION_SECONDS = 30 * 60 + 60  # Stripe wants expires_at 30 min to 24 h ahead
STRIPE_MAX_SESSION_SECONDS = 24 * 3600 - 60
HANDLED_EVENTS = (
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
)


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def client(credentials: GatewayCredentials) -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        credentials.secret_key,
        base_addresses=base,
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=settings.PAYMENTS_GATEWAY_TIMEOUT),
    )


def _safe_message(error: Exception, credentials: GatewayCredentials) -> str:
    """The gateway's words for the admin and the log, with any key cut out."""
    message = getattr(error, "user_message", None) or str(error) or error.__class__.__name__
    for secret in (credentials.secret_key, credentials.webhook_secret):
        if secret:
            message = message.replace(secret, "****")
    return message[:400]


def to_stripe_amount(rupiah: int) -> int:
    return rupiah * 100


def from_stripe_amount(amount) -> int | None:
    if amount is None:
        return None
    value = int(amount)
    return value // 100 if value % 100 == 0 else None  # a fractional rupiah cannot match any order


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def checkout_session_create(
    *,
    credentials: GatewayCredentials,
    payment,
    lines: list[PaymentLine],
    customer_email: str,
    success_url: str,
    cancel_url: str,
    expires_at: datetime,
    language: str,
) -> dict:
    order = payment.order
    if any(line.unit_price < 0 for line in lines):
        # Stripe line items cannot be negative: one line for the whole order keeps the total exact.
        lines = [
            PaymentLine(
                code=order.number,
                name=_("Order %(number)s") % {"number": order.number},
                unit_price=payment.amount,
                quantity=1,
            )
        ]
    params = {
        "mode": "payment",
        "currency": "idr",
        "line_items": [
            {
                "price_data": {
                    "currency": "idr",
                    "unit_amount": to_stripe_amount(line.unit_price),
                    "product_data": {"name": line.name[:250]},
                },
                "quantity": line.quantity,
            }
            for line in lines
        ],
        "client_reference_id": order.number,
        "customer_email": customer_email,
        "metadata": {"order_number": order.number, "payment_id": str(payment.public_id)},
        "payment_intent_data": {"metadata": {"order_number": order.number, "payment_id": str(payment.public_id)}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": int(expires_at.timestamp()),
        "locale": "id" if language == "id" else "en",
    }
    try:
        session = client(credentials).v1.checkout.sessions.create(
            params, options={"idempotency_key": f"hurtrock-checkout-{payment.public_id}"}
        )
    except stripe.StripeError as error:
        logger.warning("stripe: session create failed for %s: %s", order.number, _safe_message(error, credentials))
        raise GatewayError(_("The card payment could not be started. Please try again in a moment."))
    return session.to_dict()


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def checkout_session_retrieve(*, credentials: GatewayCredentials, session_id: str) -> dict:
    try:
        session = client(credentials).v1.checkout.sessions.retrieve(session_id, params={"expand": ["payment_intent"]})
    except stripe.StripeError as error:
        raise GatewayError(_safe_message(error, credentials))
    return session.to_dict()


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def checkout_session_expire(*, credentials: GatewayCredentials, session_id: str) -> None:
    try:
        client(credentials).v1.checkout.sessions.expire(session_id)
    except stripe.StripeError as error:
        logger.info("stripe: could not expire session %s: %s", session_id, _safe_message(error, credentials))


def _intent_id(session: dict) -> str:
    intent = session.get("payment_intent")
    if isinstance(intent, dict):
        return intent.get("id", "")
    return intent or ""


def session_result(session: dict, *, event_type: str = "") -> GatewayResult:
    """Map a Checkout Session (from a verified event or from the API) onto our payment statuses."""
    intent = session.get("payment_intent") if isinstance(session.get("payment_intent"), dict) else {}
    payment_status = session.get("payment_status")
    if payment_status == "paid" or event_type == "checkout.session.async_payment_succeeded":
        status, note = PaymentStatus.PAID, _("Stripe: paid.")
    elif event_type == "checkout.session.async_payment_failed" or intent.get("status") == "canceled":
        status, note = PaymentStatus.FAILED, _("Stripe: the payment failed.")
    elif session.get("status") == "expired" or event_type == "checkout.session.expired":
        status, note = PaymentStatus.EXPIRED, _("Stripe: the checkout page expired.")
    else:
        status, note = PaymentStatus.PENDING, _("Stripe: waiting for the buyer.")
    types = session.get("payment_method_types") or []
    return GatewayResult(
        status=status,
        amount=from_stripe_amount(session.get("amount_total")),
        currency=(session.get("currency") or "").upper(),
        raw=session,
        method_detail=(types[0] if len(types) == 1 else "card") if status == PaymentStatus.PAID else "",
        paid_at=datetime.now(UTC) if status == PaymentStatus.PAID else None,
        note=note,
    )


def payment_intent_of(payment) -> str:
    return _intent_id(payment.last_response) or _intent_id(payment.create_response)


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def webhook_event(*, credentials: GatewayCredentials, body: bytes, signature: str) -> dict:
    """The verified event as a dict; raises ValueError or stripe.SignatureVerificationError."""
    event = stripe.Webhook.construct_event(body, signature, credentials.webhook_secret, tolerance=300)
    return event.to_dict()


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def refund_create(*, credentials: GatewayCredentials, payment, amount: int, key: str, reason: str) -> dict:
    intent = payment_intent_of(payment)
    if not intent:
        raise GatewayError(_("Stripe has no payment for this attempt to refund."))
    try:
        refund = client(credentials).v1.refunds.create(
            {
                "payment_intent": intent,
                "amount": to_stripe_amount(amount),
                "reason": "requested_by_customer",
                "metadata": {"order_number": payment.order.number, "reason": reason[:450]},
            },
            options={"idempotency_key": f"hurtrock-refund-{key}"},
        )
    except stripe.StripeError as error:
        raise GatewayError(_safe_message(error, credentials))
    return refund.to_dict()


@sensitive_variables()  # every frame below too: the SDKs hold the key in locals
def keys_check(*, credentials: GatewayCredentials) -> tuple[bool, str]:
    """Ask Stripe for the balance: the cheapest call that proves the secret key works."""
    if not credentials.secret_key:
        return False, _("No secret key is set.")
    try:
        balance = client(credentials).v1.balance.retrieve()
    except stripe.StripeError as error:
        return False, _safe_message(error, credentials)
    mode = _("live") if balance.get("livemode") else _("test")
    message = _("Stripe accepted the secret key (%(mode)s mode).") % {"mode": mode}
    if not credentials.webhook_secret:
        message += " " + _("The webhook signing secret is missing: payments cannot be confirmed.")
        return False, message
    return True, message
