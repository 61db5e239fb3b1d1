"""The inventory's back office: suppliers and their prices, restock orders, the stock ledger and low stock."""

from inventory.admin.low_stock import LowStockProductAdmin
from inventory.admin.movements import StockMovementAdmin
from inventory.admin.restock import RestockOrderAdmin
from inventory.admin.supplier_prices import SupplierProductAdmin
from inventory.admin.suppliers import SupplierAdmin

__all__ = ["LowStockProductAdmin", "RestockOrderAdmin", "StockMovementAdmin", "SupplierAdmin", "SupplierProductAdmin"]
