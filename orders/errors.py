"""Domain errors of the orders app. Each carries a translated message fit to show the buyer."""

from django.utils.translation import gettext as _

from inventory.errors import InsufficientStock


class OrderError(Exception):
    """Base class: `message` is what the buyer or staff member reads."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CartError(OrderError):
    """The cart cannot be changed as asked (unknown or inactive product, bad quantity)."""


class ProductNotSold(CartError):
    """The product is not (or no longer) sold: hidden, switched off, or a family's parent."""


class QuantityError(CartError):
    """A quantity that is not a whole number from 1 to what is in stock."""

    def __init__(self, *, maximum: int, message: str | None = None):
        self.maximum = maximum
        if message is None:
            if maximum < 1:
                message = _("This product is out of stock.")
            else:
                message = _("Quantity must be a whole number from 1 to %(max)s.") % {"max": maximum}
        super().__init__(message)


class CheckoutError(OrderError):
    """The order cannot be placed (empty cart, unavailable product, no shipping, no payment method)."""


class IllegalTransition(OrderError):
    """A status change that the pipeline does not allow."""

    def __init__(self, *, from_status: str, to_status: str):
        from orders.models import OrderStatus

        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("An order that is “%(from)s” cannot become “%(to)s”.")
            % {"from": OrderStatus(from_status).label, "to": OrderStatus(to_status).label}
        )


class StockUnavailable(OrderError):
    """An expired order cannot be revived: its stock has been sold to someone else meanwhile."""


class PriceChanged(CheckoutError):
    """A price differs from the one the buyer was shown (a sale ended or started): show the new one first."""


class VoucherRefused(CheckoutError):
    """A voucher that cannot be used on this order; `reason` is a `VoucherRefusal` value."""

    def __init__(self, *, reason: str, message: str):
        self.reason = reason
        super().__init__(message)


class PromotionUnavailable(InsufficientStock):
    """The flash price is gone (quota sold out, sale ended) since the buyer saw it.

    A subclass of inventory's InsufficientStock, so every view that handles "sold out" handles this.
    """

    def __init__(self, *, product, requested: int, available: int, message: str):
        self._promotion_message = message
        super().__init__(product=product, requested=requested, available=available)

    @property
    def message(self) -> str:
        return self._promotion_message
