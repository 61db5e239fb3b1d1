"""Reads of the orders app: cart summaries, payment methods on offer, a buyer's orders."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from hurtrock.models import StoreProfile
from hurtrock.templatetags.rupiah import format_rupiah
from orders.cart import CartLine, DatabaseCart, SessionCart
from orders.models import Order, OrderEvent, PaymentMethod


# --- Cart ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CartSummary:
    lines: list[CartLine]

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self) -> int:
        return sum(line.line_total for line in self.lines)

    @property
    def has_stock_problem(self) -> bool:
        return any(line.is_over_stock for line in self.lines)

    @property
    def is_empty(self) -> bool:
        return not self.lines


def cart_summary(*, cart: SessionCart | DatabaseCart, images: bool = False) -> CartSummary:
    """The cart's lines and totals; `images` for a page that shows the thumbnails."""
    return CartSummary(lines=cart.lines(images=images))


def cart_payload(*, cart: SessionCart | DatabaseCart) -> dict:
    """The cart as JSON for the fetch() answers: counts and server-computed money."""
    summary = cart_summary(cart=cart)
    return {
        "count": summary.count,
        "subtotal": summary.subtotal,
        "subtotal_display": format_rupiah(summary.subtotal),
        "lines": [
            {
                "product_id": line.product.pk,
                "name": line.product.name,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
                "line_total_display": format_rupiah(line.line_total),
                "stock": line.product.stock_quantity,
            }
            for line in summary.lines
        ],
    }


# --- Payment methods -------------------------------------------------------------------------------
def bank_account_get() -> StoreProfile | None:
    """The store's bank account, read fresh (not from the cache): a stale account number costs money."""
    profile = StoreProfile.objects.filter(pk=1).only("bank_name", "bank_account_number", "bank_account_holder").first()
    if profile and profile.bank_name and profile.bank_account_number and profile.bank_account_holder:
        return profile
    return None


# A method is offered only when it is configured. The Payments issue adds its gateways here.
PAYMENT_METHOD_CHECKS: dict[str, Callable[[], bool]] = {
    PaymentMethod.BANK_TRANSFER: lambda: bank_account_get() is not None,
}


def payment_methods_available() -> list[PaymentMethod]:
    return [PaymentMethod(method) for method, is_configured in PAYMENT_METHOD_CHECKS.items() if is_configured()]


# --- Orders ------------------------------------------------------------------------------------------
def order_list_for_user(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).order_by("-created_at", "-id")


def order_get_for_viewer(*, number: str, user) -> Order | None:
    """The order with its lines and events if `user` may see it: the owner, or staff with the view permission."""
    if not user.is_authenticated:
        return None
    orders = Order.objects.select_related("user").prefetch_related(
        "lines", Prefetch("events", queryset=OrderEvent.objects.select_related("user"))
    )
    if not user.has_perm("orders.view_order"):
        orders = orders.filter(user=user)
    return orders.filter(number=number).first()


def order_shipping_label(*, order: Order):
    """The label data of an order, from its snapshot (not from today's profile or store)."""
    from django.utils import formats, timezone

    from shipping.labels import ShippingLabel

    return ShippingLabel(
        number=order.number,
        sender_name=order.sender_name,
        sender_phone=order.sender_phone,
        sender_address=order.sender_address,
        recipient_name=order.recipient_name,
        recipient_phone=order.phone,
        recipient_address=order.address_lines,
        courier=order.tracking_courier or order.shipping_courier,
        service=f"{order.shipping_service_name} ({order.shipping_service_code})",
        weight_kg=order.shipping_weight_kg,
        tracking_url=order.get_tracking_url(),
        placed_on=formats.date_format(timezone.localtime(order.created_at), "SHORT_DATE_FORMAT"),
        tracking_number=order.tracking_number,
        items=sum(line.quantity for line in order.lines.all()),
    )
