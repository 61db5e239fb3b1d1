from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    """Categories, products and their images; the storefront and search."""

    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        from catalog import admin_search, personal, signals_search  # noqa: F401 - synonym admin, vocabulary signals

        personal.register()  # the wishlist hearts of signed-in buyers' cached pages
