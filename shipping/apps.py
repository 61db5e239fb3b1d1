from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShippingConfig(AppConfig):
    """Courier services, destinations, shipping quotes and thermal labels."""

    name = "shipping"
    verbose_name = _("Shipping")
