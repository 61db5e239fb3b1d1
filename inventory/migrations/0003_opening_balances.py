"""Products that existed before the ledger get one OPENING movement, so stock = ledger sum from now on."""

from django.db import migrations


def record_opening_balances(apps, schema_editor):
    from inventory.services.stock import opening_balances_write

    opening_balances_write(
        product_model=apps.get_model("catalog", "Product"),
        movement_model=apps.get_model("inventory", "StockMovement"),
    )


def remove_opening_balances(apps, schema_editor):
    apps.get_model("inventory", "StockMovement").objects.filter(reason="opening", reference="opening").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_stock_ledger_and_restock"),
    ]

    operations = [
        migrations.RunPython(record_opening_balances, remove_opening_balances),
    ]
