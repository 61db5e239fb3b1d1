"""Cart, orders, their lines and their status history.

An order is a snapshot: prices, the delivery address, the sender (the store) and the shipping
quote are copied at placement so that later edits of products, profiles or courier tariffs never
change what the buyer agreed to. The status pipeline is data (`ORDER_TRANSITIONS`), and the only
way to move along it is `orders.services.order_transition`, which writes an `OrderEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CartItem(models.Model):
    """One product in a signed-in buyer's cart (visitors keep theirs in the session)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="cart_items"
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "product"], name="cartitem_one_line_per_product"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cartitem_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", _("Paid")
    PROCESSING = "processing", _("Processing")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


# The status pipeline of SPEC.md: the one table that says which move is allowed.
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.PENDING: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED}),
    OrderStatus.PAID: frozenset({OrderStatus.PROCESSING, OrderStatus.CANCELLED}),
    OrderStatus.PROCESSING: frozenset({OrderStatus.SHIPPED}),
    OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED}),
    OrderStatus.DELIVERED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
    # A payment that arrives after the deadline revives the order if its stock can be reserved
    # again (`order_transition` re-reserves it; the payments app decides what to do otherwise).
    OrderStatus.EXPIRED: frozenset({OrderStatus.PAID}),
}

# Statuses in which the order holds stock that has not been sold: leaving them for
# cancelled/expired gives the stock back through the ledger.
STOCK_HOLDING_STATUSES = frozenset({OrderStatus.PENDING, OrderStatus.PAID})


class PaymentMethod(models.TextChoices):
    """How the buyer pays. Each is offered only when configured (`orders.selectors.PAYMENT_METHOD_CHECKS`)."""

    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    MIDTRANS = "midtrans", _("Virtual account, QRIS or e-wallet (Midtrans)")
    STRIPE = "stripe", _("Card (Stripe)")


class Order(models.Model):
    number = models.CharField(_("order number"), max_length=20, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="orders"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus, default=OrderStatus.PENDING, db_index=True
    )
    payment_method = models.CharField(_("payment method"), max_length=30, choices=PaymentMethod)
    idempotency_key = models.UUIDField(
        _("checkout key"),
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Generated when the checkout page is shown; a second submit finds the same order."),
    )
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)

    # The buyer and the delivery address, as given at checkout.
    email = models.EmailField(_("e-mail"))
    recipient_name = models.CharField(_("recipient"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20)
    street = models.CharField(_("street address"), max_length=255)
    city = models.CharField(_("city"), max_length=100)
    province = models.CharField(_("province"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10)
    note = models.TextField(_("note for the store"), blank=True, max_length=500)

    # The sender (the store) as it was when the order was placed: printed on the label.
    sender_name = models.CharField(_("sender"), max_length=120)
    sender_phone = models.CharField(_("sender phone"), max_length=30, blank=True)
    sender_address = models.TextField(_("sender address"), blank=True)

    # The shipping quote the buyer accepted.
    shipping_courier = models.CharField(_("courier"), max_length=60, db_index=True)
    shipping_service_name = models.CharField(_("shipping service"), max_length=100)
    shipping_service_code = models.CharField(_("service code"), max_length=40)
    shipping_destination = models.CharField(_("shipping destination"), max_length=200)
    shipping_cost = models.PositiveBigIntegerField(_("shipping (Rp)"))
    shipping_weight_kg = models.PositiveIntegerField(_("chargeable weight (kg)"))
    shipping_min_days = models.PositiveSmallIntegerField(_("delivery from (days)"), default=0)
    shipping_max_days = models.PositiveSmallIntegerField(_("delivery to (days)"), default=0)
    total_weight_grams = models.PositiveIntegerField(_("actual weight (g)"), default=0)

    subtotal = models.PositiveBigIntegerField(_("subtotal (Rp)"))
    # The voucher's discount, snapshotted at placement (orders.services.promotions). Reports sum it.
    discount = models.PositiveBigIntegerField(_("discount (Rp)"), default=0, db_default=0)
    voucher_code = models.CharField(_("voucher"), max_length=40, blank=True, default="", db_default="")
    discount_description = models.CharField(
        _("discount applied to"), max_length=255, blank=True, default="", db_default=""
    )
    total = models.PositiveBigIntegerField(_("total (Rp)"))

    tracking_courier = models.CharField(_("shipped with"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    is_refund_due = models.BooleanField(
        _("refund due"), default=False, help_text=_("Set when a paid order is cancelled: pay the buyer back.")
    )

    payment_due_at = models.DateTimeField(_("pay before"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=F("subtotal") + F("shipping_cost") - F("discount")), name="order_total_sum"
            ),
            models.CheckConstraint(condition=Q(status__in=OrderStatus.values), name="order_status_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "payment_due_at"], name="order_status_due"),
            models.Index(fields=["user", "-created_at"], name="order_user_recent"),
            # Sales figures (dashboard, reports) select paid orders by when they were paid.
            models.Index(fields=["paid_at"], name="order_paid_at", condition=Q(paid_at__isnull=False)),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:order_detail", kwargs={"number": self.number})

    def get_tracking_url(self) -> str:
        """The tracking page as a full URL, for e-mails and the QR code on the label."""
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    @property
    def allowed_transitions(self) -> frozenset[str]:
        return ORDER_TRANSITIONS[self.status]

    @property
    def is_awaiting_bank_transfer(self) -> bool:
        return self.status == OrderStatus.PENDING and self.payment_method == PaymentMethod.BANK_TRANSFER

    @property
    def address_lines(self) -> list[str]:
        return [self.street, f"{self.city}, {self.province} {self.postal_code}"]


class OrderLine(models.Model):
    """One product of an order with its price at the time of purchase."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="order_lines"
    )
    product_name = models.CharField(_("product"), max_length=200)
    sku = models.CharField(_("SKU"), max_length=40)
    unit_price = models.PositiveBigIntegerField(_("unit price (Rp)"))
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.PositiveBigIntegerField(_("line total (Rp)"))
    weight_grams = models.PositiveIntegerField(_("unit weight (g)"), default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="orderline_quantity_positive"),
            models.CheckConstraint(
                condition=Q(line_total=F("unit_price") * F("quantity")), name="orderline_total_product"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"


class OrderEvent(models.Model):
    """Append-only history of an order: every status change, who made it, when and why."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus)
    code = models.CharField(_("event"), max_length=40, blank=True, help_text=_("See orders/events.py."))
    params = models.JSONField(_("details"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    note_is_public = models.BooleanField(
        _("note shown to the buyer"),
        default=False,
        help_text=_("Staff notes are internal unless staff choose to show them to the buyer."),
    )

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"

    @property
    def code_text(self) -> str:
        """What happened, in the reader's language (the text of the event's code)."""
        from orders.events import order_event_text

        return order_event_text(code=self.code, params=self.params) if self.code else ""

    @property
    def text(self) -> str:
        """What the buyer may read: the code's text, then the note if it is shown to the buyer."""
        parts = [self.code_text, self.note if self.note_is_public else ""]
        return " ".join(part for part in parts if part)


# Returns and vouchers live in their own modules (kept apart from the order's own fields); imported
# here so Django registers them with the orders app.
from orders.models_returns import (  # noqa: E402
    RETURN_TRANSITIONS,
    ReturnDisposition,
    ReturnLine,
    ReturnPhoto,
    ReturnRequest,
    ReturnStatus,
)
from orders.vouchers import FlashSaleUse, Voucher, VoucherKind, VoucherUse  # noqa: E402

__all__ = [
    "ORDER_TRANSITIONS",
    "RETURN_TRANSITIONS",
    "STOCK_HOLDING_STATUSES",
    "CartItem",
    "FlashSaleUse",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "PaymentMethod",
    "ReturnDisposition",
    "ReturnLine",
    "ReturnPhoto",
    "ReturnRequest",
    "ReturnStatus",
    "Voucher",
    "VoucherKind",
    "VoucherUse",
]
