"""The data migration gives products that existed before the ledger their opening balance."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("inventory", "0002_stock_ledger_and_restock")]
AFTER = [("inventory", "0003_opening_balances")]


def test_opening_balance_migration_makes_the_ledger_explain_existing_stock():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    category = old.get_model("catalog", "Category").objects.create(name="Gitar", slug="gitar")
    product_model = old.get_model("catalog", "Product")
    stocked = product_model.objects.create(
        sku="OLD-1", name="Old", slug="old", brand="B", price=1, stock_quantity=7, category=category
    )
    product_model.objects.create(
        sku="OLD-0", name="Empty", slug="empty", brand="B", price=1, stock_quantity=0, category=category
    )

    try:
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        movements = list(
            new.get_model("inventory", "StockMovement").objects.values_list("product_id", "quantity", "reason")
        )
        assert movements == [(stocked.pk, 7, "opening")]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
