"""Returns: a buyer sends some lines of a delivered order back; staff approve, receive, restock or
write off, and the refund goes back through the gateway that took the money.

The pipeline is data (`RETURN_TRANSITIONS`), like the order's. The money side lives in the payments
app (`payments.services.returns`); this module only knows how much is owed (`refund_amount`) and
how much was paid back (`refunded_amount`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderLine
from payments.storage import private_storage


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", _("Return requested")
    APPROVED = "approved", _("Return approved")
    REJECTED = "rejected", _("Return rejected")
    RECEIVED = "received", _("Return received")
    REFUNDING = "refunding", _("Refund in progress")
    REFUNDED = "refunded", _("Refunded")


RETURN_TRANSITIONS: dict[str, frozenset[str]] = {
    ReturnStatus.REQUESTED: frozenset({ReturnStatus.APPROVED, ReturnStatus.REJECTED}),
    ReturnStatus.APPROVED: frozenset({ReturnStatus.RECEIVED}),
    ReturnStatus.REJECTED: frozenset(),
    ReturnStatus.RECEIVED: frozenset({ReturnStatus.REFUNDING}),
    # A refund the gateway refused goes back to "received" so staff can try again.
    ReturnStatus.REFUNDING: frozenset({ReturnStatus.REFUNDED, ReturnStatus.RECEIVED}),
    ReturnStatus.REFUNDED: frozenset(),
}
# Statuses whose quantities count against what the buyer may still return.
OPEN_RETURN_STATUSES = frozenset(set(ReturnStatus.values) - {ReturnStatus.REJECTED})


class ReturnDisposition(models.TextChoices):
    RESTOCK = "restock", _("Back in stock")
    WRITE_OFF = "write_off", _("Written off")


class ReturnRequest(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="returns")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReturnStatus, default=ReturnStatus.REQUESTED, db_index=True
    )
    reason = models.TextField(_("reason"), max_length=2000)
    staff_note = models.TextField(_("note from the store"), blank=True, max_length=2000)
    disposition = models.CharField(_("received goods"), max_length=20, choices=ReturnDisposition, blank=True)
    includes_shipping = models.BooleanField(_("shipping refunded"), default=False)
    refund_amount = models.PositiveBigIntegerField(_("to refund (Rp)"), default=0)
    refunded_amount = models.PositiveBigIntegerField(_("refunded (Rp)"), default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-created_at", "-id"]
        permissions = [("manage_return", _("Can approve, receive and refund returns"))]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReturnStatus.values), name="return_status_valid"),
            models.CheckConstraint(
                condition=Q(refunded_amount__lte=F("refund_amount")), name="return_refunded_within_amount"
            ),
        ]

    def __str__(self):
        return f"{self.order.number} · {self.get_status_display()}"

    @property
    def allowed_transitions(self) -> frozenset[str]:
        return RETURN_TRANSITIONS[self.status]


class ReturnLine(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, verbose_name=_("return"), on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(
        OrderLine, verbose_name=_("order line"), on_delete=models.PROTECT, related_name="return_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("returned line")
        verbose_name_plural = _("returned lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="returnline_quantity_positive"),
            models.UniqueConstraint(fields=["return_request", "order_line"], name="returnline_once_per_line"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.product_name}"

    @property
    def amount(self) -> int:
        return self.quantity * self.order_line.unit_price


def _return_photo_path(instance, filename):
    return f"return-photos/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class ReturnPhoto(models.Model):
    """A picture of the returned goods, re-encoded (no metadata), in private storage."""

    return_request = models.ForeignKey(
        ReturnRequest, verbose_name=_("return"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to=_return_photo_path, storage=private_storage, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("return photo")
        verbose_name_plural = _("return photos")
        ordering = ["id"]

    def __str__(self):
        return self.image.name
