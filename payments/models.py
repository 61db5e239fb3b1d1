"""Payments: gateway configuration, one Payment per attempt, its history, every inbound notification,
Midtrans' transaction record, refunds and proofs of bank transfer.

Statuses are data (`PAYMENT_TRANSITIONS`): a payment never moves backwards, so a late or repeated
notification cannot undo "paid". The only writer is `payments.services`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from payments.storage import private_storage


class Provider(models.TextChoices):
    STRIPE = "stripe", _("Stripe")
    MIDTRANS = "midtrans", _("Midtrans")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


GATEWAYS = (Provider.STRIPE, Provider.MIDTRANS)


class PaymentConfiguration(models.Model):
    """A gateway's keys and switches, edited by admins only. Secret keys are stored encrypted
    (`payments.crypto`) and never shown back; keys in the environment take precedence."""

    provider = models.CharField(
        _("provider"), max_length=20, choices=[(p.value, p.label) for p in GATEWAYS], unique=True
    )
    is_active = models.BooleanField(_("active"), default=False, help_text=_("Offer this gateway at checkout."))
    is_sandbox = models.BooleanField(
        _("sandbox"), default=True, help_text=_("Use the gateway's test environment (no real money).")
    )
    public_key = models.CharField(
        _("public key"),
        max_length=255,
        blank=True,
        help_text=_("Stripe publishable key (pk_…) or Midtrans client key. Not secret."),
    )
    merchant_id = models.CharField(_("merchant ID"), max_length=100, blank=True, help_text=_("Midtrans merchant ID."))
    secret_key_encrypted = models.TextField(_("secret key (encrypted)"), blank=True, editable=False)
    webhook_secret_encrypted = models.TextField(_("webhook signing secret (encrypted)"), blank=True, editable=False)
    enabled_payments = models.CharField(
        _("enabled payment channels"),
        max_length=300,
        blank=True,
        help_text=_("Midtrans Snap channels, comma-separated; empty means the shop's default list."),
    )
    keys_checked_at = models.DateTimeField(_("keys checked"), null=True, blank=True, editable=False)
    keys_check_ok = models.BooleanField(_("keys work"), null=True, editable=False)
    keys_check_message = models.CharField(_("check result"), max_length=500, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payment configuration")
        verbose_name_plural = _("payment configuration")
        ordering = ["provider"]

    def __str__(self):
        return self.get_provider_display()


class PaymentStatus(models.TextChoices):
    CREATED = "created", _("Started")
    PENDING = "pending", _("Waiting for payment")
    ON_HOLD = "on_hold", _("On hold for review")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_PAYMENT_STATUSES = frozenset({PaymentStatus.CREATED, PaymentStatus.PENDING, PaymentStatus.ON_HOLD})

# Forward only. A gateway that reports money after a failure or expiry is believed (it has the
# money); nothing leaves "paid" — refunds are rows of their own.
PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    PaymentStatus.CREATED: frozenset(
        {
            PaymentStatus.PENDING,
            PaymentStatus.ON_HOLD,
            PaymentStatus.PAID,
            PaymentStatus.FAILED,
            PaymentStatus.EXPIRED,
            PaymentStatus.CANCELLED,
        }
    ),
    PaymentStatus.PENDING: frozenset(
        {
            PaymentStatus.ON_HOLD,
            PaymentStatus.PAID,
            PaymentStatus.FAILED,
            PaymentStatus.EXPIRED,
            PaymentStatus.CANCELLED,
        }
    ),
    PaymentStatus.ON_HOLD: frozenset({PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CANCELLED}),
    PaymentStatus.FAILED: frozenset({PaymentStatus.PAID}),
    PaymentStatus.EXPIRED: frozenset({PaymentStatus.PAID}),
    PaymentStatus.CANCELLED: frozenset({PaymentStatus.PAID}),
    PaymentStatus.PAID: frozenset(),
}


class Payment(models.Model):
    """One attempt to pay one order through one provider."""

    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.PROTECT, related_name="payments"
    )
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    provider = models.CharField(_("provider"), max_length=20, choices=Provider)
    provider_reference = models.CharField(
        _("provider reference"),
        max_length=255,
        blank=True,
        help_text=_("Stripe Checkout Session id, Midtrans order id, or the transfer reference."),
    )
    method_detail = models.CharField(_("paid with"), max_length=60, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    currency = models.CharField(_("currency"), max_length=3, default="IDR")
    status = models.CharField(_("status"), max_length=20, choices=PaymentStatus, default=PaymentStatus.CREATED)
    refunded_amount = models.PositiveBigIntegerField(_("refunded (Rp)"), default=0)
    redirect_url = models.URLField(_("payment page"), max_length=2000, blank=True)
    expires_at = models.DateTimeField(_("gateway expiry"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    is_flagged = models.BooleanField(
        _("needs attention"), default=False, help_text=_("Amount mismatch, double payment or a payment after expiry.")
    )
    flag_reason = models.TextField(_("why it needs attention"), blank=True)
    create_response = models.JSONField(_("gateway answer at creation"), default=dict, blank=True)
    last_response = models.JSONField(_("latest gateway status"), default=dict, blank=True)
    last_checked_at = models.DateTimeField(_("last asked the gateway"), null=True, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("refund_payment", _("Can refund payments")),
            ("review_payment", _("Can accept or deny payments on hold for review")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="payment_unique_provider_reference",
            ),
            models.UniqueConstraint(fields=["order", "attempt"], name="payment_unique_attempt"),
            models.CheckConstraint(condition=Q(refunded_amount__lte=F("amount")), name="payment_refunds_within_amount"),
            models.CheckConstraint(condition=Q(status__in=PaymentStatus.values), name="payment_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="payment_status_created")]

    def __str__(self):
        return f"{self.order} · {self.get_provider_display()} #{self.attempt}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PAYMENT_STATUSES

    @property
    def refundable_amount(self) -> int:
        return self.amount - self.refunded_amount if self.status == PaymentStatus.PAID else 0


class PaymentEvent(models.Model):
    """Append-only history of a payment: every status change and every flag, who or what caused it."""

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    from_status = models.CharField(_("from"), max_length=20, choices=PaymentStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PaymentStatus)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notification = models.ForeignKey(
        "GatewayNotification", null=True, blank=True, on_delete=models.SET_NULL, related_name="payment_events"
    )

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class NotificationOutcome(models.TextChoices):
    PROCESSING = "processing", _("Processing")
    PROCESSED = "processed", _("Processed")
    IGNORED = "ignored", _("Verified, nothing to do")
    MISMATCH = "mismatch", _("Refused: amount or currency differs")
    DUPLICATE = "duplicate", _("Already processed")
    REJECTED = "rejected", _("Rejected: signature invalid")
    UNKNOWN = "unknown", _("Unknown payment")
    ERROR = "error", _("Error (the gateway will retry)")


# Outcomes that count as "this event was handled": at most one such row per (provider, event id).
COUNTED_OUTCOMES = (
    NotificationOutcome.PROCESSING,
    NotificationOutcome.PROCESSED,
    NotificationOutcome.IGNORED,
    NotificationOutcome.MISMATCH,
)


class GatewayNotification(models.Model):
    """Every inbound call from a gateway, verified or not, with what we did about it."""

    provider = models.CharField(_("provider"), max_length=20, choices=Provider)
    event_id = models.CharField(_("event id"), max_length=255, blank=True)
    event_type = models.CharField(_("event type"), max_length=100, blank=True)
    is_verified = models.BooleanField(_("signature valid"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=NotificationOutcome)
    detail = models.TextField(_("detail"), blank=True)
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    raw_body = models.TextField(_("body"))
    headers = models.JSONField(_("headers"), default=dict)
    remote_addr = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("gateway notification")
        verbose_name_plural = _("gateway notifications")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"],
                condition=Q(outcome__in=COUNTED_OUTCOMES) & ~Q(event_id=""),
                name="notification_processed_once",
            )
        ]

    def __str__(self):
        return f"{self.get_provider_display()} {self.event_type or '?'} ({self.get_outcome_display()})"


class MidtransTransaction(models.Model):
    """Midtrans' view of one Snap attempt (the seed's ERD): token, page, and the latest status."""

    payment = models.OneToOneField(Payment, on_delete=models.CASCADE, related_name="midtrans")
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="midtrans_transactions")
    transaction_id = models.CharField(_("transaction ID"), max_length=100, unique=True, null=True, blank=True)
    gross_amount = models.DecimalField(_("gross amount"), max_digits=14, decimal_places=2)
    payment_type = models.CharField(_("payment type"), max_length=40, blank=True)
    transaction_status = models.CharField(_("transaction status"), max_length=40, blank=True)
    fraud_status = models.CharField(_("fraud status"), max_length=40, blank=True)
    status_code = models.CharField(_("status code"), max_length=10, blank=True)
    settlement_time = models.DateTimeField(_("settlement time"), null=True, blank=True)
    snap_token = models.CharField(_("Snap token"), max_length=100, blank=True)
    snap_redirect_url = models.URLField(_("Snap page"), max_length=2000, blank=True)
    midtrans_response = models.JSONField(_("latest Midtrans answer"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("Midtrans transaction")
        verbose_name_plural = _("Midtrans transactions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.payment.provider_reference


class RefundStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class RefundKind(models.TextChoices):
    GATEWAY = "gateway", _("Through the gateway")
    MANUAL = "manual", _("Manual (paid back by the store)")


class Refund(models.Model):
    """Money paid back on a payment. `Payment.refunded_amount` is the sum of the refunds that are
    requested or succeeded, and a database constraint keeps it within the payment."""

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    kind = models.CharField(_("how"), max_length=20, choices=RefundKind)
    status = models.CharField(_("status"), max_length=20, choices=RefundStatus, default=RefundStatus.REQUESTED)
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    provider_reference = models.CharField(_("provider reference"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gateway_response = models.JSONField(_("gateway answer"), default=dict, blank=True)
    failure_message = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.UniqueConstraint(
                fields=["payment", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="refund_unique_provider_reference",
            ),
        ]

    def __str__(self):
        return f"{self.payment} −{self.amount}"


class ProofStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


def _proof_path(instance, filename):
    return f"transfer-proofs/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class TransferProof(models.Model):
    """A picture of the buyer's bank transfer, re-encoded (no metadata) and kept out of public media."""

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="proofs")
    image = models.ImageField(
        _("proof"), upload_to=_proof_path, storage=private_storage, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    sender_name = models.CharField(_("account holder who paid"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProofStatus, default=ProofStatus.SUBMITTED)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("proof of transfer")
        verbose_name_plural = _("proofs of transfer")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ProofStatus.REJECTED) | ~Q(rejection_reason=""), name="proof_rejection_has_reason"
            )
        ]

    def __str__(self):
        return f"{self.payment.order} · {self.get_status_display()}"
