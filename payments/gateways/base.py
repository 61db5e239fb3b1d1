"""What every gateway adapter returns, and the order's lines as the gateways see them."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from payments.errors import PaymentError


@dataclass(frozen=True)
class GatewayResult:
    """A gateway's verified statement about one payment (from a signed webhook or its status API)."""

    status: str  # a PaymentStatus value
    amount: int | None  # whole rupiah, None when the gateway did not say
    currency: str
    raw: dict
    method_detail: str = ""
    paid_at: datetime | None = None
    note: str = ""
    # Refunds the gateway reports: (provider reference, whole rupiah).
    refunds: tuple[tuple[str, int], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PaymentLine:
    """One line of what the buyer pays; `unit_price` may be negative (a discount)."""

    code: str
    name: str
    unit_price: int
    quantity: int

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


def order_adjustment_lines(order) -> list[PaymentLine]:
    """Lines that change the total after items and shipping: the voucher's discount as one negative
    line (Midtrans sends it as an item so item_details sum to gross_amount; Stripe, which refuses
    negative items, charges one line with the discounted total)."""
    if not order.discount:
        return []
    return [
        PaymentLine(
            code="DISCOUNT",
            name=_("Voucher %(code)s") % {"code": order.voucher_code} if order.voucher_code else _("Discount"),
            unit_price=-order.discount,
            quantity=1,
        )
    ]


def order_payment_lines(order) -> list[PaymentLine]:
    """Items, shipping and adjustments; they always sum to `order.total` (checked, never assumed)."""
    lines = [
        PaymentLine(code=line.sku, name=line.product_name, unit_price=line.unit_price, quantity=line.quantity)
        for line in order.lines.all()
    ]
    if order.shipping_cost:
        lines.append(
            PaymentLine(
                code="SHIPPING",
                name=_("Shipping %(courier)s %(service)s")
                % {"courier": order.shipping_courier, "service": order.shipping_service_name},
                unit_price=order.shipping_cost,
                quantity=1,
            )
        )
    lines.extend(order_adjustment_lines(order))
    if sum(line.total for line in lines) != order.total:
        raise PaymentError(_("The order's lines do not add up to its total; payment cannot start."))
    return lines
