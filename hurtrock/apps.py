from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_staff_group(sender, using="default", **kwargs):
    from hurtrock.services import staff_group_sync_permissions

    staff_group_sync_permissions(using=using)


class HurtrockConfig(AppConfig):
    """The site-wide app: users and roles, store profile, home, contact and health check."""

    name = "hurtrock"
    verbose_name = _("Store and users")

    def ready(self):
        from hurtrock import (
            checks,  # noqa: F401  (registers system checks)
            pagecache,  # noqa: F401  (every process invalidates the page cache on writes)
        )

        # Apps' own caches of a table, cleared by the page cache's write hook (shipping and payments
        # may not import the wiring layer, so the wiring registers them).
        from payments.models import PaymentConfiguration
        from payments.selectors import gateways_cache_clear
        from shipping.models import Destination, ShippingService
        from shipping.selectors import destinations_cache_clear, services_cache_clear

        pagecache.on_table_write(Destination._meta.db_table, destinations_cache_clear)
        pagecache.on_table_write(ShippingService._meta.db_table, services_cache_clear)
        pagecache.on_table_write(PaymentConfiguration._meta.db_table, gateways_cache_clear)

        # Later apps' permissions only exist after migrate: keep the Staff group's set current.
        post_migrate.connect(_sync_staff_group, dispatch_uid="hurtrock-staff-permissions")
