"""Vouchers and what promotions an order consumed (imported by orders.models, so they are its models).

A `Voucher` is counted by `times_used`, moved only by `orders.services.promotions` with the voucher
row locked; a `VoucherUse` (one per order) and `FlashSaleUse` rows record what an order took, so a
cancellation or expiry gives exactly that back, once (`released_at`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class VoucherKind(models.TextChoices):
    PERCENTAGE = "percentage", _("Percentage off the eligible items")
    FIXED = "fixed", _("Fixed amount off the eligible items")
    FREE_SHIPPING = "free_shipping", _("Free shipping (up to an amount)")


class Voucher(models.Model):
    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("What the buyer types; letters and digits, any case.")
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=VoucherKind, default=VoucherKind.PERCENTAGE)
    value = models.PositiveBigIntegerField(
        _("value"),
        help_text=_(
            "Percent for a percentage voucher, rupiah for a fixed one, the most shipping covered for free shipping."
        ),
    )
    max_discount = models.PositiveBigIntegerField(
        _("cap (Rp)"), null=True, blank=True, help_text=_("Percentage vouchers: the most they take off.")
    )
    min_subtotal = models.PositiveBigIntegerField(_("minimum subtotal (Rp)"), default=0)
    categories = models.ManyToManyField(
        "catalog.Category",
        verbose_name=_("eligible categories"),
        blank=True,
        related_name="+",
        help_text=_("Sub-categories included. Leave categories, brands and products empty for the whole shop."),
    )
    brands = models.CharField(
        _("eligible brands"), max_length=500, blank=True, help_text=_("Comma-separated, e.g. “Fender, Ibanez”.")
    )
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("eligible products"), blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("valid from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    usage_limit = models.PositiveIntegerField(_("total uses"), null=True, blank=True, help_text=_("Empty: unlimited."))
    per_buyer_limit = models.PositiveIntegerField(_("uses per buyer"), null=True, blank=True, default=1)
    times_used = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True) | Q(times_used__lte=F("usage_limit")),
                name="voucher_used_within_limit",
            ),
            models.CheckConstraint(
                condition=~Q(kind="percentage") | Q(value__gte=1, value__lte=100), name="voucher_percentage_1_100"
            ),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)


class VoucherUse(models.Model):
    """The voucher an order used, and the discount it gave (released when the order is cancelled/expires)."""

    voucher = models.ForeignKey(Voucher, verbose_name=_("voucher"), on_delete=models.PROTECT, related_name="uses")
    order = models.OneToOneField(
        "orders.Order", verbose_name=_("order"), on_delete=models.CASCADE, related_name="voucher_use"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.PROTECT, related_name="+"
    )
    discount = models.PositiveBigIntegerField(_("discount (Rp)"))
    created_at = models.DateTimeField(_("used"), auto_now_add=True)
    released_at = models.DateTimeField(_("given back"), null=True, blank=True)

    class Meta:
        verbose_name = _("voucher use")
        verbose_name_plural = _("voucher uses")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["voucher", "user"], name="voucheruse_voucher_user")]

    def __str__(self):
        return f"{self.voucher_id} → {self.order_id}"


class FlashSaleUse(models.Model):
    """Units of one product an order bought at a flash price, from the flash sale starting `flash_starts_at`."""

    order = models.ForeignKey(
        "orders.Order", verbose_name=_("order"), on_delete=models.CASCADE, related_name="flash_sale_uses"
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.PositiveBigIntegerField(_("flash price (Rp)"))
    flash_starts_at = models.DateTimeField(_("flash sale started"))
    released_at = models.DateTimeField(_("given back"), null=True, blank=True)

    class Meta:
        verbose_name = _("flash-sale use")
        verbose_name_plural = _("flash-sale uses")
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"
