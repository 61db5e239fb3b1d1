"""Product search on PostgreSQL: pg_trgm, a weighted tsvector column kept by a trigger, GIN indexes.

Every operation here does nothing on SQLite (the search selector falls back to icontains there).

- `search_vector` = name (weight A) + brand and model (B) + description (C), 'simple' configuration:
  no stemming, so English product names and Indonesian descriptions are indexed word for word and
  prefix queries (`gitar:*`) cover the inflections.
- The trigger fires only when one of those columns changes, so stock and sales-counter updates
  (F() expressions from the orders and inventory apps) do not re-index the row.
- Trigram GIN indexes on name and brand back the typo-tolerant `%>` (word similarity) filter.
- pg_trgm declares its word-similarity operator as costing as little as `=`, so the planner prefers
  a sequential scan (200 ms on 10,000 products) to the trigram index (10 ms). Declaring its real cost
  fixes the plan. This needs ownership of the extension's functions; where the database user lacks it
  the statement is skipped (search stays correct, only slower).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, migrations, transaction

FORWARD = [
    "ALTER TABLE catalog_product ADD COLUMN IF NOT EXISTS search_vector tsvector",
    """
    CREATE OR REPLACE FUNCTION catalog_product_search_vector_update() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(NEW.brand, '') || ' ' || coalesce(NEW.model_name, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER catalog_product_search_vector
    BEFORE INSERT OR UPDATE OF name, brand, model_name, description ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION catalog_product_search_vector_update()
    """,
    # Fill the column for rows that existed before this migration.
    "UPDATE catalog_product SET name = name",
    "CREATE INDEX IF NOT EXISTS catalog_product_search_vector_gin ON catalog_product USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS catalog_product_name_trgm ON catalog_product USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_product_brand_trgm ON catalog_product USING gin (brand gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS catalog_product_brand_trgm",
    "DROP INDEX IF EXISTS catalog_product_name_trgm",
    "DROP INDEX IF EXISTS catalog_product_search_vector_gin",
    "DROP TRIGGER IF EXISTS catalog_product_search_vector ON catalog_product",
    "DROP FUNCTION IF EXISTS catalog_product_search_vector_update()",
    "ALTER TABLE catalog_product DROP COLUMN IF EXISTS search_vector",
]


OPERATOR_COST = [
    "ALTER FUNCTION word_similarity_commutator_op(text, text) COST {cost}",
    "ALTER FUNCTION word_similarity_op(text, text) COST {cost}",
]


def _run(statements, cost):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)
        for statement in OPERATOR_COST:
            try:
                with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint
                    schema_editor.execute(statement.format(cost=cost))
            except DatabaseError:
                pass  # not the owner of pg_trgm's functions: keep the default plan

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_product_units_sold_and_images")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD, cost=1000), _run(BACKWARD, cost=1), elidable=False),
    ]
