"""Every state change of the orders app, split by responsibility (cart, checkout, status, expiry, e-mails)."""

from orders.services.buyer import (
    order_buyer_can_cancel,
    order_cancel_by_buyer,
    order_confirm_receipt,
    orders_auto_deliver,
)
from orders.services.cart import cart_add_item, cart_merge, cart_remove_item, cart_set_quantity
from orders.services.checkout import DeliveryAddress, order_number_generate, order_place
from orders.services.expiry import order_expire_if_unpaid, orders_expire_unpaid
from orders.services.status import (
    order_cancel,
    order_mark_paid,
    order_mark_shipped,
    order_payment_method_change,
    order_refund_due_set,
    order_transition,
)

__all__ = [
    "DeliveryAddress",
    "cart_add_item",
    "cart_merge",
    "cart_remove_item",
    "cart_set_quantity",
    "order_buyer_can_cancel",
    "order_cancel",
    "order_cancel_by_buyer",
    "order_confirm_receipt",
    "order_expire_if_unpaid",
    "order_mark_paid",
    "order_mark_shipped",
    "order_number_generate",
    "order_payment_method_change",
    "order_refund_due_set",
    "order_place",
    "order_transition",
    "orders_auto_deliver",
    "orders_expire_unpaid",
]
