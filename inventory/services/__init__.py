"""Every state change of the inventory. Import from here: `from inventory.services import stock_reserve`."""

from inventory.services.restock import (
    restock_cost_suggestions,
    restock_order_cancel,
    restock_order_create,
    restock_order_mark_ordered,
    restock_orders_create_for_products,
    restock_receive,
)
from inventory.services.stock import stock_adjust, stock_record_opening_balances, stock_release, stock_reserve
from inventory.services.suppliers import supplier_price_make_preferred, supplier_price_save

__all__ = [
    "restock_order_cancel",
    "restock_order_create",
    "restock_order_mark_ordered",
    "restock_cost_suggestions",
    "restock_orders_create_for_products",
    "restock_receive",
    "stock_adjust",
    "stock_record_opening_balances",
    "stock_release",
    "stock_reserve",
    "supplier_price_make_preferred",
    "supplier_price_save",
]
