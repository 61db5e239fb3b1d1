"""`hurtrock.rawrows.instances_from_sql`: the rows of precompiled SQL made into instances exactly as
the ORM makes them, the further columns handed back, the same in another thread (its own connection)."""

import threading

import pytest
from django.db import connection, connections

from catalog.models import Product
from catalog.tests.factories import ProductFactory
from hurtrock.rawrows import instances_from_sql

pytestmark = pytest.mark.django_db(transaction=True)


def test_rows_become_the_orms_instances_with_the_further_columns():
    product = ProductFactory(specifications=[["Body", "Alder"]], length_cm="101.5")
    table, quote = Product._meta.db_table, connection.ops.quote_name
    columns = ", ".join(f"{quote(table)}.{quote(field.column)}" for field in Product._meta.concrete_fields)
    sql = f"SELECT {columns}, 7 FROM {quote(table)} WHERE {quote(table)}.{quote('id')} = %s"  # noqa: S608

    def read(out):
        out.extend(instances_from_sql(Product, sql, [product.pk]))
        connections.close_all()

    here, there = [], []
    read(here)
    thread = threading.Thread(target=read, args=(there,))
    thread.start()
    thread.join()

    expected = Product.objects.get(pk=product.pk)
    for rows in (here, there):
        ((instance, rest),) = rows
        assert rest == (7,)
        assert instance._state.adding is False and instance._state.db == "default"
        for field in Product._meta.concrete_fields:
            assert getattr(instance, field.attname) == getattr(expected, field.attname), field.name
    assert here[0][0].specifications == [["Body", "Alder"]]
