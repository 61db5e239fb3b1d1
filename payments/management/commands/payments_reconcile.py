from django.core.management.base import BaseCommand

from payments.services import payments_reconcile


class Command(BaseCommand):
    help = "Ask the gateways about payments still open after PAYMENTS_RECONCILE_AFTER_MINUTES (run from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=None, help="minutes (default: the setting)")

    def handle(self, *args, **options):
        counts = payments_reconcile(older_than_minutes=options["older_than"])
        summary = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "nothing open"
        self.stdout.write(f"Payments reconciled: {summary}")
