from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Cart, checkout and orders with their status history."""

    name = "orders"
    verbose_name = _("Orders")
