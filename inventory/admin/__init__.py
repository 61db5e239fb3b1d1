"""The inventory's back office: suppliers, restock orders, the stock ledger and low stock."""

from inventory.admin.filters import StockLevelFilter
from inventory.admin.low_stock import LowStockProductAdmin
from inventory.admin.movements import StockMovementAdmin
from inventory.admin.restock import RestockOrderAdmin
from inventory.admin.suppliers import SupplierAdmin

__all__ = ["LowStockProductAdmin", "RestockOrderAdmin", "StockLevelFilter", "StockMovementAdmin", "SupplierAdmin"]
