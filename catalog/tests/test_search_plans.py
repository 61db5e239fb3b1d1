"""Search at 10,000 products on PostgreSQL: the plan uses the indexes, query counts do not grow with
the catalog. Timings are printed (for the README and the issue note), never asserted."""

import statistics
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.selectors import search_run
from catalog.tests.search_catalog import search_catalog_make

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="EXPLAIN of the PostgreSQL indexes"),
    pytest.mark.django_db,
]

QUERIES = [
    "Fneder Rumble 100",  # a swap
    "Boss TU-3 Chromtaic Tuner",  # a swap in a long word
    "gibsen les paul",  # a wrong letter
    "senar gitar",  # category words and synonyms
    "delay",  # a category
    "strato",  # a prefix
    "guitar strap",  # relaxed: no product has both words
]


@pytest.fixture
def big_catalog():
    search_catalog_make(10_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
        cursor.execute("ANALYZE catalog_searchterm")


def _products(query):
    result = search_run(query=query)
    if result.can_relax and not result.products.exists():
        result = search_run(query=query, relaxed=True)
    return result.products


def _explain(queryset) -> str:
    """EXPLAIN by hand: QuerySet.explain() nests a second EXPLAIN inside the subquery Django wraps
    around a filter on a window function (search keeps one row per product family)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_never_scans_the_product_table_at_10000_products(big_catalog, client):
    for query in QUERIES:
        plan = _explain(_products(query)[:24])
        assert "Seq Scan on catalog_product" not in plan, (query, plan)
        assert "catalog_product_search_vector_gin" in plan, (query, plan)
    timings = {}
    for query in QUERIES:
        for name in ("catalog:search", "catalog:autocomplete"):
            client.get(reverse(name), {"q": query})  # warm up
            samples = []
            for _ in range(5):
                started = time.perf_counter()
                assert client.get(reverse(name), {"q": query}).status_code == 200
                samples.append((time.perf_counter() - started) * 1000)
            timings[query, name] = statistics.median(samples)
    print("\nmedian ms at 10,000 products (whole request, test client): query | search page | autocomplete")
    for query in QUERIES:
        print(f"  {query} | {timings[query, 'catalog:search']:.0f} | {timings[query, 'catalog:autocomplete']:.0f}")


def _count(client, name, params):
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse(name), params).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("size", [200, 10_000])
def test_search_and_autocomplete_query_counts_do_not_grow(client, size, django_assert_max_num_queries):
    search_catalog_make(size)
    client.get(reverse("catalog:search"), {"q": "warm up"})  # sessions, store profile cache
    counts = {
        "search": _count(client, "catalog:search", {"q": "Fneder Rumble 100"}),
        "search_filtered": _count(
            client, "catalog:search", {"q": "gitar listrik", "in_stock": "true", "sort": "price_asc", "page": "2"}
        ),
        "search_relaxed": _count(client, "catalog:search", {"q": "guitar strap"}),
        "autocomplete": _count(client, "catalog:autocomplete", {"q": "strymno big"}),
    }
    print(f"\nqueries at {size} products:", counts)
    assert counts["autocomplete"] == 2  # the vocabulary, then the products with thumbnails and categories
    assert counts["search"] <= 8 and counts["search_filtered"] <= 8
    assert counts["search_relaxed"] <= counts["search"] + 2  # the all-words try, then any word
