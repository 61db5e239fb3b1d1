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


SUPPLIER_FK = [("inventory", "0004_cost_prices"), ("catalog", "0009_performance_indexes")]
SUPPLIER_TABLE = [("catalog", "0010_remove_product_supplier")]


def _to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_product_supplier_becomes_a_preferred_supplier_price_and_back():
    old = _to(SUPPLIER_FK)
    category = old.get_model("catalog", "Category").objects.create(name="Gitar", slug="gitar")
    supplier_model = old.get_model("inventory", "Supplier")
    yamaha = supplier_model.objects.create(name="Yamaha Music")
    roland = supplier_model.objects.create(name="Roland")
    product_model = old.get_model("catalog", "Product")

    def product(sku, **fields):
        return product_model.objects.create(
            sku=sku, name=sku, slug=sku.lower(), brand="B", price=1, category=category, **fields
        )

    costed = product("P-1", supplier=yamaha, average_cost=1_250_000)
    uncosted = product("P-2", supplier=yamaha)
    orphan = product("P-3")

    try:
        new = _to(SUPPLIER_TABLE)
        rows = new.get_model("inventory", "SupplierProduct").objects
        assert sorted(rows.values_list("product_id", "supplier_id", "cost_price", "is_preferred")) == [
            (costed.pk, yamaha.pk, 1_250_000, True),
            (uncosted.pk, yamaha.pk, 0, True),
        ]
        assert not rows.filter(product_id=orphan.pk).exists()
        # Change the preference after the migration: the way back keeps the preferred supplier.
        rows.filter(product_id=uncosted.pk).update(is_preferred=False)
        rows.create(product_id=uncosted.pk, supplier_id=roland.pk, cost_price=900, is_preferred=True)

        back = _to(SUPPLIER_FK)
        suppliers = dict(back.get_model("catalog", "Product").objects.values_list("pk", "supplier_id"))
        assert suppliers == {costed.pk: yamaha.pk, uncosted.pk: roland.pk, orphan.pk: None}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
