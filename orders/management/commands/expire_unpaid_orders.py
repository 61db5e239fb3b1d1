"""`manage.py expire_unpaid_orders`: run from cron (e.g. every 5 minutes) or by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand

from orders.services.expiry import orders_expire_unpaid


class Command(BaseCommand):
    help = "Expire orders still unpaid after ORDER_PAYMENT_TIMEOUT_MINUTES and give their stock back."

    def handle(self, *args, **options):
        expired = orders_expire_unpaid()
        self.stdout.write(
            f"Expired {expired} unpaid order(s) older than {settings.ORDER_PAYMENT_TIMEOUT_MINUTES} minutes."
        )
