"""Search: vocabulary and synonym tables, category names and specification values in the search vector.

- `catalog_searchterm`: the catalog's words (typo correction); on PostgreSQL a trigram GIN index
  (`%` candidates), a pattern index (prefixes) and a b-tree on the sorted letters (swaps).
- `catalog_synonymgroup`: seeded with Indonesian <-> English music-shop words, edited in the admin.
- The product trigger now also indexes the category path (weight C), and specification values and
  the category's description with the product's description (weight D); renaming, moving or
  re-describing a category re-indexes its products (trigger). Words are split on anything but
  letters and digits, as the search splits a query ("TU-3" is "tu 3").
Reversible: going back restores migration 0003's trigger and drops the new ones.
"""

import importlib
import re
from collections import Counter

from django.db import DatabaseError, migrations, models, transaction

# Migration 0003's trigger function and trigger, restored when going back.
_PREVIOUS = importlib.import_module("catalog.migrations.0003_product_search_postgres").FORWARD

SYNONYMS = [
    ("gitar, guitar, guitars", "Indonesian / English"),
    ("listrik, elektrik, electric", ""),
    ("akustik, acoustic", ""),
    ("senar, strings, string", ""),
    ("ampli, amplifier, amp, amps", ""),
    ("efek, effect, effects, pedal, pedals, stompbox", ""),
    ("stik, sticks, stick", ""),
    ("drum, drums", ""),
    ("kabel, cable, cables", ""),
    ("simbal, cymbal, cymbals", ""),
    ("kabinet, cabinet, cab", ""),
    ("tas, gigbag, bag", ""),
    ("hardcase, koper", ""),
    ("tali, strap", ""),
    ("penyetem, tuner", ""),
    ("distorsi, distortion, dist", ""),
    ("gema, reverb", ""),
    ("piano, keyboard, keys", ""),
    ("modulasi, modulation", ""),
    ("dudukan, stand", ""),
    ("pik, pick, plectrum", ""),
]

FORWARD = [
    # Words as the search splits a query (letters and digits): "TU-3" is "tu 3", not "tu" and "-3".
    """
    CREATE OR REPLACE FUNCTION catalog_search_words(value text) RETURNS text AS $$
      SELECT regexp_replace(coalesce(value, ''), '[^[:alnum:]]+', ' ', 'g')
    $$ LANGUAGE sql IMMUTABLE
    """,
    """
    CREATE OR REPLACE FUNCTION catalog_product_search_vector_update() RETURNS trigger AS $$
    DECLARE
      category_words text;
      category_text text;
    BEGIN
      SELECT description INTO category_text FROM catalog_category WHERE id = NEW.category_id;
      WITH RECURSIVE path(id, parent_id, name, depth) AS (
        SELECT id, parent_id, name, 0 FROM catalog_category WHERE id = NEW.category_id
        UNION ALL
        SELECT c.id, c.parent_id, c.name, p.depth + 1 FROM catalog_category c JOIN path p ON c.id = p.parent_id
        WHERE p.depth < 10
      )
      SELECT string_agg(name, ' ') INTO category_words FROM path;
      NEW.search_vector :=
        setweight(to_tsvector('simple', catalog_search_words(NEW.name)), 'A') ||
        setweight(to_tsvector('simple', catalog_search_words(NEW.brand || ' ' || NEW.model_name)), 'B') ||
        setweight(to_tsvector('simple', catalog_search_words(category_words)), 'C') ||
        setweight(to_tsvector('simple', catalog_search_words(NEW.description)), 'D') ||
        setweight(to_tsvector('simple', catalog_search_words(category_text)), 'D') ||
        setweight(to_tsvector('simple', catalog_search_words(NEW.specifications::text)), 'D');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS catalog_product_search_vector ON catalog_product",
    """
    CREATE TRIGGER catalog_product_search_vector
    BEFORE INSERT OR UPDATE OF name, brand, model_name, description, specifications, category_id ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION catalog_product_search_vector_update()
    """,
    """
    CREATE OR REPLACE FUNCTION catalog_category_search_reindex() RETURNS trigger AS $$
    BEGIN
      IF NEW.name IS DISTINCT FROM OLD.name OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
         OR NEW.description IS DISTINCT FROM OLD.description THEN
        WITH RECURSIVE subtree(id) AS (
          SELECT NEW.id UNION SELECT c.id FROM catalog_category c JOIN subtree s ON c.parent_id = s.id
        )
        UPDATE catalog_product SET category_id = category_id WHERE category_id IN (SELECT id FROM subtree);
      END IF;
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER catalog_category_search_reindex
    AFTER UPDATE OF name, parent_id, description ON catalog_category
    FOR EACH ROW EXECUTE FUNCTION catalog_category_search_reindex()
    """,
    "UPDATE catalog_product SET name = name",
    "CREATE INDEX IF NOT EXISTS catalog_searchterm_word_trgm ON catalog_searchterm USING gin (word gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_searchterm_word_prefix ON catalog_searchterm (word varchar_pattern_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS catalog_searchterm_word_prefix",
    "DROP INDEX IF EXISTS catalog_searchterm_word_trgm",
    "DROP TRIGGER IF EXISTS catalog_category_search_reindex ON catalog_category",
    "DROP FUNCTION IF EXISTS catalog_category_search_reindex()",
    "DROP TRIGGER IF EXISTS catalog_product_search_vector ON catalog_product",
    _PREVIOUS[1],
    _PREVIOUS[2],
    "UPDATE catalog_product SET name = name",
    "DROP FUNCTION IF EXISTS catalog_search_words(text)",
]


# `tsvector @@ tsquery` is declared as cheap as `=` (COST 1), so with a few hundred matches among
# 10,000 products the planner can prefer reading every row's vector (a sequential scan) to the GIN
# index. Matching a vector is far dearer than that; declaring a realistic cost keeps the index plan.
# Like 0003's pg_trgm costs this needs ownership (a superuser); without it the statement is skipped.
MATCH_COST = "ALTER FUNCTION ts_match_vq(tsvector, tsquery) COST {cost}"


def _sql(statements, cost):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)
        try:
            with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint
                schema_editor.execute(MATCH_COST.format(cost=cost))
        except DatabaseError:
            pass  # not allowed: keep the default plan

    return run


def _words(*texts):
    return {w for text in texts for w in re.findall(r"[^\W_]+", (text or "").lower()) if 2 <= len(w) <= 60}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("catalog", "SynonymGroup")
    SearchTerm = apps.get_model("catalog", "SearchTerm")
    Product = apps.get_model("catalog", "Product")
    Category = apps.get_model("catalog", "Category")
    for words, note in SYNONYMS:
        SynonymGroup.objects.get_or_create(words=words, defaults={"note": note})
    counts = Counter()
    for name, brand, model_name, specifications in Product.objects.filter(is_active=True).values_list(
        "name", "brand", "model_name", "specifications"
    ):
        values = [str(pair[1]) for pair in specifications or [] if isinstance(pair, list) and len(pair) == 2]
        counts.update(_words(name, brand, model_name, *values))
    for name in Category.objects.values_list("name", flat=True):
        counts.update(_words(name))
    meaning = {}
    for words, _note in SYNONYMS:
        group = [w.strip() for w in words.split(",")]
        for word in group:
            meaning.setdefault(word, set()).update(other for other in group if other != word)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(
                word=word,
                letters="".join(sorted(word)),
                frequency=counts[word],
                synonyms=" ".join(sorted(meaning.get(word, ()))),
            )
            for word in sorted(set(counts) | set(meaning))
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("catalog", "SearchTerm").objects.all().delete()
    apps.get_model("catalog", "SynonymGroup").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0005_reviews_wishlist_alerts'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=60, unique=True, verbose_name='word')),
                ('letters', models.CharField(db_index=True, max_length=60, verbose_name='sorted letters')),
                ('frequency', models.PositiveIntegerField(default=0, help_text='Products using the word.', verbose_name='products')),
                ('synonyms', models.CharField(blank=True, max_length=400, verbose_name='synonyms')),
            ],
            options={
                'verbose_name': 'search word',
                'verbose_name_plural': 'search words',
                'ordering': ['word'],
            },
        ),
        migrations.CreateModel(
            name='SynonymGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('words', models.CharField(help_text='Comma-separated single words that mean the same, e.g. “senar, strings, string”.', max_length=300, unique=True, verbose_name='words')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
            ],
            options={
                'verbose_name': 'synonym group',
                'verbose_name_plural': 'synonym groups',
                'ordering': ['words'],
            },
        ),
        migrations.RunPython(_sql(FORWARD, 100), _sql(BACKWARD, 1), elidable=False),
        migrations.RunPython(seed, unseed, elidable=False),
    ]
