"""`manage.py load_sample_data [--products N] [--orders N]`: a realistic demo shop, safe to run again.

The work is a list of named steps run in order; each step is idempotent and reports what it did.
Other apps add their steps to STEPS (couriers, destinations, orders, …). Products are created with
their stock set directly; the "opening balances" step then records it in the stock ledger.
"""

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError

from catalog.sample_data import (
    sample_categories_ensure,
    sample_images_ensure,
    sample_products_ensure,
)


class TextProgress:
    """A one-line text progress bar ("products [#####.....] 5000/10000"), redrawn in place on a terminal."""

    def __init__(self, stream, label: str, width: int = 30):
        self.stream, self.label, self.width = stream, label, width
        self.interactive = getattr(stream, "isatty", lambda: False)()
        self.last_percent = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total == 0 else done * 100 // total
        if percent == self.last_percent or (not self.interactive and percent not in (0, 100) and percent % 10):
            return
        self.last_percent = percent
        filled = self.width * percent // 100
        line = f"  {self.label:<10} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}"
        self.stream.write(("\r" + line) if self.interactive else line + "\n")
        if self.interactive and done >= total:
            self.stream.write("\n")
        self.stream.flush()


@dataclass
class Step:
    name: str
    run: Callable[[dict, TextProgress], str]


def _categories(context, progress):
    context["categories"] = sample_categories_ensure()
    return f"{len(context['categories'])} categories"


def _suppliers(context, progress):
    """Suppliers, and a preferred supplier price for each sample product that has none (inventory's)."""
    from inventory.sample_data import sample_supplier_prices_ensure, sample_suppliers_ensure

    suppliers = sample_suppliers_ensure()
    written = sample_supplier_prices_ensure(suppliers=suppliers)
    return f"{len(suppliers)} suppliers, {written} new supplier prices"


def _products(context, progress):
    context["new_products"] = sample_products_ensure(
        count=context["options"]["products"],
        categories=context["categories"],
        progress=progress,
    )
    return f"{len(context['new_products'])} new products"


def _families(context, progress):
    from catalog.sample_data.families import sample_families_ensure

    return f"{sample_families_ensure(categories=context['categories'])} new products in families"


def _opening_balances(context, progress):
    """The stock ledger explains the sample stock: one OPENING movement per product (idempotent)."""
    from django.db.models import Q

    from catalog.models import Product
    from inventory.services.stock import stock_record_opening_balances

    written = stock_record_opening_balances(
        products=Product.objects.filter(Q(sku__startswith="HR-") | Q(sku__startswith="HRV-"))
    )
    return f"{written} opening stock movements"


def _images(context, progress):
    return f"pictures for {sample_images_ensure(progress=progress)} products"


def _store(context, progress):
    from orders.sample_data import sample_bank_account_ensure

    return "demo bank account set" if sample_bank_account_ensure() else "bank account already set"


def _orders(context, progress):
    from hurtrock.models import User
    from orders.sample_data import sample_orders_ensure

    staff = User.objects.filter(is_superuser=True).order_by("pk").first()
    return f"{sample_orders_ensure(staff=staff)} demo orders"


def _history(context, progress):
    wanted = context["options"].get("orders") or 0
    if not wanted:
        return "skipped (no --orders)"
    from orders.sample_history import sample_history_ensure

    return f"{sample_history_ensure(wanted, progress)} history orders"


def _statistics(context, progress):
    """The query planner's statistics for what was just loaded (PostgreSQL's advice after a bulk
    load). Autovacuum gathers them only later, or never where it is switched off; until then
    PostgreSQL plans blind: with no statistics the sell rule's "inactive parents" subquery was a
    sequential scan over all 10,000 products on every cart add and checkout (docs/performance.md)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"planner statistics gathered ({connection.vendor})"


STEPS = [
    Step("categories", _categories),
    Step("products", _products),
    Step("families", _families),
    Step("suppliers", _suppliers),
    Step("opening balances", _opening_balances),
    Step("images", _images),
    Step("store", _store),
    Step("orders", _orders),
    Step("history", _history),
    Step("statistics", _statistics),  # last: after every bulk insert
]


class Command(BaseCommand):
    help = "Loads a realistic music-store catalog (idempotent: run it again to top up, never to duplicate)."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=300, help="Number of sample products (default 300).")
        parser.add_argument(
            "--orders", type=int, default=0, help="Past delivered orders to add in bulk (e.g. 50000 for the bench)."
        )

    def handle(self, *args, **options):
        if options["products"] < 0 or options["orders"] < 0:
            raise CommandError("--products and --orders must be zero or more.")
        stream = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
        context = {"options": options}
        started = time.monotonic()
        for step in STEPS:
            step_started = time.monotonic()
            summary = step.run(context, TextProgress(stream, step.name))
            self.stdout.write(f"{step.name}: {summary} ({time.monotonic() - step_started:.1f} s)")
        self.stdout.write(self.style.SUCCESS(f"Sample data ready in {time.monotonic() - started:.1f} s."))
