"""Domain errors of the inventory: raised by services, turned into messages by views and the admin."""

from django.utils.translation import gettext


class InventoryError(Exception):
    """A stock or restock operation that cannot happen as asked (nothing was changed)."""


class InsufficientStock(InventoryError):
    """Taking `requested` units of `product` would drive its stock below zero: only `available` are left."""

    def __init__(self, *, product, requested: int, available: int):
        self.product = product
        self.requested = requested
        self.available = available
        super().__init__(self.message)

    @property
    def message(self) -> str:
        # Built on access, so the text follows the language active where it is shown.
        if self.available <= 0:
            return gettext("%(product)s is out of stock.") % {"product": self.product}
        return gettext("Only %(available)d of %(product)s left (you asked for %(requested)d).") % {
            "product": self.product,
            "available": self.available,
            "requested": self.requested,
        }

    def __str__(self):
        return self.message


class InvalidTransition(InventoryError):
    """A restock order cannot move from its current status to the one asked for."""


class ReceiptRejected(InventoryError):
    """A restock receipt that does not fit the order (wrong status, more than outstanding, unknown line)."""
