"""Inventory data: suppliers, the stock ledger, restock (purchase) orders and their receipts.

Stock lives on `catalog.Product.stock_quantity` (read often, by every product page); the ledger
(`StockMovement`) is the history that explains it. The two only change together, in
`inventory.services`, so that `stock_quantity` always equals the sum of the product's movements.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product


class Supplier(models.Model):
    name = models.CharField(_("name"), max_length=150)
    company = models.CharField(_("company"), max_length=150, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SupplierProduct(models.Model):
    """What one supplier sells one product for: their SKU, cost price and lead time.

    A product may be bought from several suppliers; at most one row per product is preferred
    (a partial unique constraint), and restock lines start at the preferred supplier's cost.
    """

    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.CASCADE, related_name="supplier_products"
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="supplier_products"
    )
    supplier_sku = models.CharField(_("supplier SKU"), max_length=64, blank=True)
    cost_price = models.PositiveBigIntegerField(
        _("cost price (Rp)"), default=0, help_text=_("Whole rupiah; 0 = not known yet.")
    )
    lead_time_days = models.PositiveIntegerField(_("lead time (days)"), null=True, blank=True)
    is_preferred = models.BooleanField(
        _("preferred"), default=False, help_text=_("Restock orders go to the preferred supplier (one per product).")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("supplier price")
        verbose_name_plural = _("supplier prices")
        ordering = ["product_id", "-is_preferred", "supplier__name"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "product"], name="inventory_supplier_product_unique"),
            models.UniqueConstraint(
                fields=["product"],
                condition=Q(is_preferred=True),
                name="inventory_one_preferred_supplier_per_product",
                violation_error_message=_("This product already has a preferred supplier."),
            ),
        ]

    def __str__(self):
        return f"{self.supplier} · {self.product}"


class StockMovement(models.Model):
    """One change of one product's stock: append-only, never edited or deleted."""

    class Reason(models.TextChoices):
        SALE = "sale", _("Sale")
        CANCELLATION = "cancellation", _("Cancellation")
        RESTOCK = "restock", _("Restock")
        ADJUSTMENT = "adjustment", _("Adjustment")
        RETURN = "return", _("Return")
        OPENING = "opening", _("Opening balance")

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="stock_movements"
    )
    quantity = models.IntegerField(_("quantity"), help_text=_("Signed: negative takes stock out."))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    reference = models.CharField(
        _("reference"), max_length=80, blank=True, db_index=True, help_text=_('e.g. "order:HR-2026-7QK4M2"')
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit_cost = models.PositiveBigIntegerField(
        _("unit cost (Rp)"), null=True, blank=True, help_text=_("What one unit cost, on restock receipts.")
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="stockmovement_quantity_not_zero"),
        ]
        indexes = [models.Index(fields=["product", "created_at"], name="stockmovement_product_time")]

    def __str__(self):
        return f"{self.product_id} {self.quantity:+d} ({self.reason})"

    def save(self, *args, **kwargs):
        # The ledger is evidence: a row, once written, is never rewritten.
        if self.pk is not None and not self._state.adding:
            raise ValueError("Stock movements are append-only.")
        super().save(*args, **kwargs)


class RestockOrder(models.Model):
    """A purchase order to a supplier; receiving it adds stock through the ledger."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ORDERED = "ordered", _("Ordered")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    supplier = models.ForeignKey(
        Supplier, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="restock_orders"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True)
    expected_date = models.DateField(_("expected date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ordered_at = models.DateTimeField(_("ordered"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("restock order")
        verbose_name_plural = _("restock orders")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"PO-{self.pk or 0:06d}"

    @property
    def reference(self) -> str:
        """How this order is named in the stock ledger."""
        return f"restock:{self.pk}"

    @property
    def total_cost(self) -> int:
        """Whole rupiah: quantity ordered × unit cost over the lines (uses prefetched lines)."""
        return sum(line.line_total for line in self.lines.all())


# The status pipeline as data: the only moves a restock order can make.
RESTOCK_TRANSITIONS: dict[str, frozenset[str]] = {
    RestockOrder.Status.PENDING: frozenset({RestockOrder.Status.ORDERED, RestockOrder.Status.CANCELLED}),
    RestockOrder.Status.ORDERED: frozenset({RestockOrder.Status.RECEIVED, RestockOrder.Status.CANCELLED}),
    RestockOrder.Status.RECEIVED: frozenset(),
    RestockOrder.Status.CANCELLED: frozenset(),
}


class RestockOrderLine(models.Model):
    order = models.ForeignKey(
        RestockOrder, verbose_name=_("restock order"), on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+")
    quantity_ordered = models.PositiveIntegerField(_("quantity ordered"))
    quantity_received = models.PositiveIntegerField(_("quantity received"), default=0)
    unit_cost = models.PositiveBigIntegerField(
        _("unit cost (Rp)"),
        default=0,
        help_text=_("Whole rupiah. Left at 0, it starts at the last restock cost (else the average cost)."),
    )

    class Meta:
        verbose_name = _("line")
        verbose_name_plural = _("lines")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="restockline_one_line_per_product"),
            models.CheckConstraint(condition=Q(quantity_ordered__gt=0), name="restockline_ordered_positive"),
            models.CheckConstraint(
                condition=Q(quantity_received__lte=models.F("quantity_ordered")),
                name="restockline_received_not_over_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.product} × {self.quantity_ordered}"

    @property
    def line_total(self) -> int:
        return (self.quantity_ordered or 0) * (self.unit_cost or 0)

    @property
    def quantity_outstanding(self) -> int:
        return (self.quantity_ordered or 0) - (self.quantity_received or 0)


class RestockReceipt(models.Model):
    """One submitted receipt of goods. Its unique `key` makes receiving idempotent: the form carries a
    key issued when it was shown, so a double submit or two racing submits of it add stock once."""

    order = models.ForeignKey(
        RestockOrder, verbose_name=_("restock order"), on_delete=models.PROTECT, related_name="receipts"
    )
    key = models.CharField(_("receipt key"), max_length=64, unique=True)
    quantities = models.JSONField(_("quantities received"), default=dict, help_text=_("Line id → units received."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("restock receipt")
        verbose_name_plural = _("restock receipts")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.order} · {self.created_at:%Y-%m-%d %H:%M}"


class LowStockProduct(Product):
    """Products seen from the back of house (low-stock list, adjustments) with their own admin."""

    class Meta:
        proxy = True
        verbose_name = _("low-stock product")
        verbose_name_plural = _("low-stock products")
