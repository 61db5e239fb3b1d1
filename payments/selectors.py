"""Reads of the payments app: the effective gateway configuration, a buyer's payments, open payments."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from payments.crypto import SecretUnreadable, secret_decrypt
from payments.models import (
    GATEWAYS,
    OPEN_PAYMENT_STATUSES,
    Payment,
    PaymentConfiguration,
    PaymentStatus,
    ProofStatus,
    Provider,
    TransferProof,
)

logger = logging.getLogger(__name__)

# Snap channels offered when the configuration names none: bank virtual accounts, Mandiri bill, QRIS, e-wallets.
MIDTRANS_DEFAULT_CHANNELS = ("bca_va", "bni_va", "bri_va", "permata_va", "echannel", "other_qris", "gopay", "shopeepay")


@dataclass(frozen=True)
class GatewayCredentials:
    """The keys a gateway call uses: each environment variable wins over its stored counterpart."""

    provider: str
    is_active: bool
    is_production: bool
    public_key: str = ""
    merchant_id: str = ""
    enabled_payments: tuple[str, ...] = ()
    secret_key: str = field(default="", repr=False)
    webhook_secret: str = field(default="", repr=False)
    key_source: str = "admin"  # "environment" or "admin"

    @property
    def is_complete(self) -> bool:
        if self.provider == Provider.STRIPE:
            return bool(self.secret_key and self.webhook_secret)
        return bool(self.secret_key)

    @property
    def is_usable(self) -> bool:
        return self.is_active and self.is_complete


def _stored(provider: str) -> PaymentConfiguration | None:
    return PaymentConfiguration.objects.filter(provider=provider).first()


def gateway_credentials(provider: str, *, config: PaymentConfiguration | None = None) -> GatewayCredentials:
    """The keys for `provider`: from `config` when given, else from its stored configuration."""
    return _credentials(provider, config if config is not None else _stored(provider))


def _credentials(provider: str, config: PaymentConfiguration | None) -> GatewayCredentials:
    """`config` None: nothing stored for this provider (the environment alone decides)."""
    try:
        stored_secret = secret_decrypt(config.secret_key_encrypted) if config else ""
        stored_webhook = secret_decrypt(config.webhook_secret_encrypted) if config else ""
    except SecretUnreadable:
        logger.error("payments: the stored %s keys cannot be decrypted; re-enter them in the admin", provider)
        stored_secret = stored_webhook = ""

    if provider == Provider.STRIPE:
        env_secret = settings.STRIPE_SECRET_KEY
        secret = env_secret or stored_secret
        return GatewayCredentials(
            provider=provider,
            is_active=config.is_active if config else bool(env_secret),
            is_production=secret.startswith(("sk_live_", "rk_live_")),
            public_key=settings.STRIPE_PUBLISHABLE_KEY or (config.public_key if config else ""),
            secret_key=secret,
            webhook_secret=settings.STRIPE_WEBHOOK_SECRET or stored_webhook,
            key_source="environment" if env_secret else "admin",
        )
    env_secret = settings.MIDTRANS_SERVER_KEY
    channels = tuple(c.strip() for c in (config.enabled_payments if config else "").split(",") if c.strip())
    return GatewayCredentials(
        provider=provider,
        is_active=config.is_active if config else bool(env_secret),
        is_production=settings.MIDTRANS_IS_PRODUCTION if env_secret else bool(config and not config.is_sandbox),
        public_key=settings.MIDTRANS_CLIENT_KEY or (config.public_key if config else ""),
        merchant_id=config.merchant_id if config else "",
        enabled_payments=channels or MIDTRANS_DEFAULT_CHANNELS,
        secret_key=env_secret or stored_secret,
        key_source="environment" if env_secret else "admin",
    )


def gateway_is_available(provider: str) -> bool:
    """Offered at checkout: keys present (environment or admin) and not switched off by an admin.

    Read from `gateways_available()` (cached): every checkout page and submit asks this for each
    gateway. Starting a payment asks `gateway_credentials(...).is_usable`, from the database."""
    return provider in gateways_available()


GATEWAYS_CACHE_KEY = "payments:gateways-available"


def _environment_keys() -> str:
    """Which gateway keys the environment sets (present or not: never a key itself), so that a
    restart with new environment keys is not answered from the cache of the old ones."""
    names = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "MIDTRANS_SERVER_KEY")
    return "".join("1" if getattr(settings, name) else "0" for name in names)


def gateways_available() -> frozenset[str]:
    """The providers a buyer may pay with now, in one query for both configurations; kept in the
    cache for PAYMENTS_CACHE_SECONDS with the environment keys it was worked out with (only the
    providers' names, never a key), and cleared by any committed write to the configuration table
    (registered in hurtrock.apps)."""
    seconds = settings.PAYMENTS_CACHE_SECONDS
    environment = _environment_keys()
    cached = cache.get(GATEWAYS_CACHE_KEY) if seconds else None
    if cached is not None and cached[0] == environment:
        return cached[1]
    stored = {config.provider: config for config in PaymentConfiguration.objects.all()}
    available = frozenset(provider for provider in GATEWAYS if _credentials(provider, stored.get(provider)).is_usable)
    if seconds:
        cache.set(GATEWAYS_CACHE_KEY, (environment, available), seconds)
    return available


def gateways_cache_clear() -> None:
    cache.delete(GATEWAYS_CACHE_KEY)


# --- Payments ------------------------------------------------------------------------------------
def payments_for_order(*, order) -> QuerySet[Payment]:
    return Payment.objects.filter(order=order).order_by("-attempt")


def payment_open_for(*, order, provider: str, now: datetime | None = None) -> Payment | None:
    """The latest attempt with this provider that the buyer can still go back to."""
    now = now or timezone.now()
    payment = (
        Payment.objects.filter(order=order, provider=provider, status__in=OPEN_PAYMENT_STATUSES)
        .exclude(redirect_url="")
        .order_by("-attempt")
        .first()
    )
    if payment is None or (payment.expires_at and payment.expires_at <= now + timedelta(minutes=1)):
        return None
    return payment


def payment_by_reference(*, provider: str, reference: str) -> Payment | None:
    if not reference:
        return None
    return Payment.objects.select_related("order").filter(provider=provider, provider_reference=reference).first()


def payments_to_reconcile(*, now: datetime | None = None, older_than_minutes: int | None = None) -> QuerySet[Payment]:
    """Gateway payments still open some minutes after they started: their notification may be lost."""
    now = now or timezone.now()
    minutes = settings.PAYMENTS_RECONCILE_AFTER_MINUTES if older_than_minutes is None else older_than_minutes
    return (
        Payment.objects.filter(provider__in=GATEWAYS, status__in=OPEN_PAYMENT_STATUSES)
        .filter(created_at__lte=now - timedelta(minutes=minutes))
        .exclude(provider_reference="")
        .select_related("order")
        .order_by("pk")
    )


def transfer_proofs_for_order(*, order) -> QuerySet[TransferProof]:
    return TransferProof.objects.filter(payment__order=order).order_by("-uploaded_at", "-id")


def bank_transfer_payment(*, order) -> Payment | None:
    return Payment.objects.filter(order=order, provider=Provider.BANK_TRANSFER).order_by("-attempt").first()


def payment_is_paid(payment: Payment) -> bool:
    return payment.status == PaymentStatus.PAID


def orders_without_payment_under_review(orders: QuerySet) -> QuerySet:
    """The expiry hold: leave out orders whose money is being checked (a proof of transfer waiting
    for staff, or a gateway payment on hold for review). Rejecting the proof releases the hold."""
    return orders.exclude(payments__status=PaymentStatus.ON_HOLD).exclude(
        payments__proofs__status=ProofStatus.SUBMITTED
    )
