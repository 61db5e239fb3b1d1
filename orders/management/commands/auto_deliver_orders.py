"""`manage.py auto_deliver_orders`: run from cron (e.g. daily) or by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand

from orders.services.buyer import orders_auto_deliver


class Command(BaseCommand):
    help = "Mark delivered the orders shipped more than ORDER_AUTO_DELIVER_DAYS ago that the buyer did not confirm."

    def handle(self, *args, **options):
        delivered = orders_auto_deliver()
        self.stdout.write(
            f"Marked {delivered} order(s) delivered, shipped more than {settings.ORDER_AUTO_DELIVER_DAYS} days ago."
        )
