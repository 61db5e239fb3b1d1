"""Model instances from precompiled SQL, for the few hot reads whose SQL is built once per process.

`Model.objects.raw()` works out, on every read, which column is which field and which converters
each column needs (JSON, decimals, SQLite's dates and booleans): for one cart line that was 12 % of
the workers' CPU when fifty buyers were sent back from the checkout at once. Here that is worked out
once per connection object and model (each thread has its own connection, and some converters are
its methods), exactly as the ORM's compiler does it.
"""

import weakref

from django.db import DEFAULT_DB_ALIAS, connections

_COLUMNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def instances_from_sql(model, sql: str, params) -> list[tuple[object, tuple]]:
    """Run `sql`, whose first columns are `model`'s concrete fields in `_meta.concrete_fields`
    order (what the ORM's own SELECT of the model lists); each row becomes (the instance, the
    row's further columns as a tuple)."""
    database = connections[DEFAULT_DB_ALIAS]
    names, converters = _columns(database, model)
    count = len(names)
    with database.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
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
