"""Product search: ranked full-text + trigram search on PostgreSQL, a plain fallback on SQLite.

PostgreSQL (see migration 0003 for the column, trigger and indexes):
- every word of the query must match, either as a prefix (`gitar:*`) of a word in the weighted
  `search_vector` (name A > brand/model B > description C) or, for typos, by trigram word
  similarity with the name or the brand, so "gibsen les paul" still finds the Gibson Les Paul;
- ranking: ts_rank over any of the words + trigram similarity of the whole query with the name or
  brand; an exact name match always ranks first; ties go to the better seller.

SQLite: every word must appear in name, brand, model or description (icontains); ranked by where
the query appears (exact name, name prefix, name, brand/model, description).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from catalog.models import Product, ProductImage
from catalog.selectors.products import main_image_prefetch, product_visible_queryset

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
# A word whose trigram word similarity with the name or brand reaches this counts as a match: 0.5
# lets one wrong letter in a six-letter word through ("gibsen" → "Gibson", "fendr" → "Fender")
# without matching unrelated words. Shorter words only match as prefixes (too few trigrams).
TRIGRAM_THRESHOLD = 0.5
TRIGRAM_MIN_TERM = 4


def search_query_clean(raw: str | None) -> str:
    """The query as searched: whitespace collapsed, length capped."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> list[str]:
    """Lower-case words of the query (letters and digits only, so they are safe in a tsquery)."""
    terms = [term for term in re.findall(r"\w+", query.lower()) if term != "_"]
    return [term.replace("_", "")[:40] for term in terms if term.replace("_", "")][:MAX_TERMS]


def product_search(*, query: str, with_images: bool = True) -> QuerySet[Product]:
    """Visible products matching `query`, best match first (an empty query matches nothing)."""
    query = search_query_clean(query)
    terms = search_terms(query)
    if not terms:
        return Product.objects.none()
    products = product_visible_queryset()
    if with_images:
        products = products.prefetch_related(main_image_prefetch())
    if connection.vendor == "postgresql":
        return _search_postgres(products, query, terms)
    return _search_fallback(products, query, terms)


def product_suggestions(*, query: str, limit: int = 8) -> list[Product]:
    """The autocomplete's top matches, each with its main thumbnail's file name (`main_thumbnail`),
    in one query (plus the threshold statement on PostgreSQL)."""
    thumbnail = ProductImage.objects.filter(product=OuterRef("pk"), is_main=True).values("thumbnail")[:1]
    return list(product_search(query=query, with_images=False).annotate(main_thumbnail=Subquery(thumbnail))[:limit])


def _word_similarity_threshold_set() -> None:
    """Make `%>` (word similarity, index-backed) accept one typo in a six-letter word.

    The threshold is a session setting of pg_trgm; set_config is one cheap statement, run with
    every search so the number of queries a page makes never depends on connection reuse.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(TRIGRAM_THRESHOLD)])


def _search_postgres(products: QuerySet[Product], query: str, terms: list[str]) -> QuerySet[Product]:
    _word_similarity_threshold_set()
    vector = RawSQL("catalog_product.search_vector", [], output_field=SearchVectorField())
    products = products.alias(document=vector)
    # Every word must match: as a prefix of an indexed word, or (typos) by trigram word similarity
    # with the name or the brand. Each condition is served by a GIN index.
    for term in terms:
        match = Q(document=SearchQuery(f"{term}:*", search_type="raw", config="simple"))
        if len(term) >= TRIGRAM_MIN_TERM:
            match |= Q(name__trigram_word_similar=term) | Q(brand__trigram_word_similar=term)
        products = products.filter(match)
    any_word = SearchQuery(" | ".join(f"{term}:*" for term in terms), search_type="raw", config="simple")
    return products.annotate(
        text_rank=SearchRank(vector, any_word),
        similarity=Greatest(
            TrigramWordSimilarity(query, "name"), TrigramWordSimilarity(query, "brand"), output_field=FloatField()
        ),
        exact=Case(When(name__iexact=query, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
        # An exact name wins outright; then words found (weighted by where) plus closeness of spelling.
        rank=F("exact") * 10 + F("text_rank") * 2 + F("similarity"),
    ).order_by("-rank", "-units_sold", "id")


def _search_fallback(products: QuerySet[Product], query: str, terms: list[str]) -> QuerySet[Product]:
    for term in terms:
        products = products.filter(
            Q(name__icontains=term)
            | Q(brand__icontains=term)
            | Q(model_name__icontains=term)
            | Q(description__icontains=term)
        )
    rank = Case(
        When(name__iexact=query, then=Value(100)),
        When(name__istartswith=query, then=Value(50)),
        When(name__icontains=query, then=Value(30)),
        When(Q(brand__icontains=query) | Q(model_name__icontains=query), then=Value(20)),
        When(name__icontains=terms[0], then=Value(10)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return products.annotate(rank=rank).order_by("-rank", "-units_sold", "name", "id")
