"""`hurtrock.rawrows`: the rows of precompiled SQL made into instances exactly as the ORM makes them,
the further columns handed back, the same in another thread (its own connection); on PostgreSQL,
`prepared=True` statements prepared once per connection, still counted, inside the transaction."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from catalog.tests.factories import ProductFactory
from hurtrock.rawrows import instances_from_sql, rows_from_sql

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


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's (CI runs this)"
)


def _prepared_count(like: str = "%") -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [like])
        return cursor.fetchone()[0]


@pytest.mark.postgres
@postgres_only
def test_prepared_rows_are_the_same_prepared_once_and_still_counted():
    product = ProductFactory()
    sql = "SELECT id, name FROM catalog_product WHERE id = %s AND %s"
    with CaptureQueriesContext(connection) as queries:
        first = rows_from_sql(sql, [product.pk, True], prepared=True)
        again = rows_from_sql(sql, [product.pk, True], prepared=True)
    assert first == again == [(product.pk, product.name)] == rows_from_sql(sql, [product.pk, True])
    assert len(queries) == 2  # through Django's cursor wrapper, like any query
    assert _prepared_count("%catalog_product WHERE id = $1%") == 1  # once on this connection
    for _ in range(6):
        list(Product.objects.filter(pk=product.pk))
    assert _prepared_count() == 1  # Django's own statements are never prepared
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"  # settings: planned once per connection


@pytest.mark.postgres
@postgres_only
def test_switched_off_the_statement_stays_on_client_side_binding(settings):
    settings.DB_PREPARED_STATEMENTS = False
    product = ProductFactory()
    assert rows_from_sql("SELECT id FROM catalog_product WHERE id = %s", [product.pk], prepared=True) == [(product.pk,)]
    assert _prepared_count() == 0


@pytest.mark.postgres
@postgres_only
def test_a_prepared_statement_joins_the_transaction_and_its_errors_are_djangos():
    from django.db import DatabaseError, transaction

    product = ProductFactory(name="Before")
    read = "SELECT name FROM catalog_product WHERE id = %s"
    with transaction.atomic():
        Product.objects.filter(pk=product.pk).update(name="Inside")
        assert rows_from_sql(read, [product.pk], prepared=True) == [("Inside",)]
        with pytest.raises(DatabaseError), transaction.atomic():
            rows_from_sql("SELECT no_such_column FROM catalog_product WHERE id = %s", [product.pk], prepared=True)
        assert rows_from_sql(read, [product.pk], prepared=True) == [("Inside",)]
    assert rows_from_sql(read, [product.pk], prepared=True) == [("Inside",)]
