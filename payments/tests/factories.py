"""Orders paid (or about to be) through the real services."""

from orders.models import PaymentMethod
from orders.tests.factories import order_for, stocked_product
from payments.services import payment_start


def gateway_order(method: str, *, price: int = 2_500_000, stock: int = 5, quantity: int = 1, user=None):
    """A pending order placed with `method` (the gateway must be configured first)."""
    product = stocked_product(stock, price=price)
    return order_for(user=user, items=[(product, quantity)], payment_method=method)


def started(method: str, **kwargs):
    """(order, payment): an order and its first attempt opened at the (fake) gateway."""
    order = gateway_order(method, **kwargs)
    payment = payment_start(order=order, user=order.user)
    return order, payment


__all__ = ["PaymentMethod", "gateway_order", "started", "stocked_product"]
