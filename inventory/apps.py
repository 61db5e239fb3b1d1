from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    """Suppliers, restock orders, the stock ledger and low-stock alerts."""

    name = "inventory"
    verbose_name = _("Inventory")
