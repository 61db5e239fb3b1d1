"""Rows and model instances from precompiled SQL, for the few hot reads whose SQL is built once
per process (the sell rule for a cart's ids, a buyer's cart lines).

`Model.objects.raw()` works out, on every read, which column is which field and which converters
each column needs (JSON, decimals, SQLite's dates and booleans): for one cart line that was 12 % of
the workers' CPU when fifty buyers were sent back from the checkout at once. Here that is worked out
once per connection object and model (each thread has its own connection, and some converters are
its methods), exactly as the ORM's compiler does it.

`prepared=True` runs the statement, on PostgreSQL, as a prepared statement of the connection it
runs on (psycopg's server-side binding with `prepare=True`; the pool keeps connections, so each
is parsed and planned once per connection, not once per request). The sell rule's SQL, two
recursive category CTEs and two subqueries, took PostgreSQL ~0.86 ms per run, nearly all of it
parsing and planning, for ~0.15 ms of execution. Everything else stays on Django's client-side
binding, which Django ships because poolers such as PgBouncer (transaction mode, before 1.21) do
not keep prepared statements: `DB_PREPARED_STATEMENTS=0` turns this off too. The statement still
goes through Django's cursor wrapper: it is counted by query-count tests, seen by the execute
wrappers (the page cache's write hook) and its errors are Django's.
"""

import weakref

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_COLUMNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def rows_from_sql(sql: str, params, *, prepared: bool = False) -> list[tuple]:
    """`fetchall()` of `sql` on the default database; `prepared`: as a prepared statement where
    the database and settings allow it (module docstring)."""
    database = connections[DEFAULT_DB_ALIAS]
    with _cursor(database, prepared) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def instances_from_sql(model, sql: str, params, *, prepared: bool = False) -> list[tuple[object, tuple]]:
    """Run `sql`, whose first columns are `model`'s concrete fields in `_meta.concrete_fields`
    order (what the ORM's own SELECT of the model lists); each row becomes (the instance, the
    row's further columns as a tuple). `prepared` as for `rows_from_sql`."""
    database = connections[DEFAULT_DB_ALIAS]
    names, converters = _columns(database, model)
    count = len(names)
    rows = rows_from_sql(sql, params, prepared=prepared)
    result = []
    for row in rows:
        values = list(row[:count])
        for index, column, functions in converters:
            for convert in functions:
                values[index] = convert(values[index], column, database)
        result.append((model.from_db(database.alias, names, values), tuple(row[count:])))
    return result


def _columns(database, model) -> tuple[list[str], list[tuple[int, object, list]]]:
    by_model = _COLUMNS.setdefault(database, {})
    known = by_model.get(model)
    if known is None:
        fields = model._meta.concrete_fields
        converters = []
        for index, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            functions = database.ops.get_db_converters(column) + column.get_db_converters(database)
            if functions:
                converters.append((index, column, functions))
        known = by_model[model] = ([field.attname for field in fields], converters)
    return known


class _PreparedCursor(psycopg.Cursor):
    """psycopg's server-side binding cursor whose statements are prepared on their connection.

    Django opens connections with `prepare_threshold=None`, which makes psycopg refuse to prepare
    anything (`prepare=True` included). It is lifted for this cursor's execute only, to a count
    never reached, so only what runs here is prepared: Django's own cursors are left as they were
    (and psycopg keeps no count of their statements)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        connection = self.connection
        threshold = connection.prepare_threshold
        connection.prepare_threshold = _NEVER_BY_COUNT
        try:
            return super().execute(query, params, prepare=True, binary=binary)
        finally:
            connection.prepare_threshold = threshold


_NEVER_BY_COUNT = 2**62


def _cursor(database, prepared: bool):
    if not (prepared and database.vendor == "postgresql" and settings.DB_PREPARED_STATEMENTS):
        return database.cursor()
    database.ensure_connection()  # borrows this thread's connection from the pool, as cursor() does
    # Django's own wrapper (debug or not, the execute wrappers, its errors) around our cursor on the
    # same connection: the statement joins the current transaction like any other.
    return database._prepare_cursor(_PreparedCursor(database.connection))  # noqa: SLF001
