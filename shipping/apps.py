from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShippingConfig(AppConfig):
    """Courier services, destinations, shipping quotes and thermal labels."""

    name = "shipping"
    verbose_name = _("Shipping")

    def ready(self):
        from hurtrock.pagecache import on_table_write
        from shipping.models import Destination
        from shipping.selectors import destinations_cache_clear

        on_table_write(Destination._meta.db_table, destinations_cache_clear)
