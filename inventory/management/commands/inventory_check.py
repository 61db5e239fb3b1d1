"""`manage.py inventory_check`: does every product's stock equal the sum of its ledger?"""

from django.core.management.base import BaseCommand, CommandError

from inventory.selectors import stock_ledger_differences


class Command(BaseCommand):
    help = "Compare every product's stock with its stock-ledger sum; exit 1 when any differ."

    def handle(self, *args, **options):
        differences = list(stock_ledger_differences().only("pk", "sku", "name", "stock_quantity"))
        for product in differences:
            self.stdout.write(
                f"{product.sku}\t{product.name}\tstock={product.stock_quantity}\tledger={product.ledger_quantity}"
                f"\tdifference={product.stock_quantity - product.ledger_quantity:+d}"
            )
        if differences:
            raise CommandError(f"{len(differences)} product(s) whose stock differs from the ledger.")
        self.stdout.write(self.style.SUCCESS("Stock and ledger agree for every product."))
