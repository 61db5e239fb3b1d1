"""Product search: ranked full-text + trigram search on PostgreSQL, a plain fallback on SQLite.

PostgreSQL (see migration 0003 for the column, trigger and indexes):
- full text: every word of the query as a prefix (`gitar:*`) against the weighted `search_vector`
  (name A > brand/model B > description C), ranked with ts_rank;
- typos: trigram word similarity of the whole query against the name and the brand, so
  "gibsen les paul" still finds the Gibson Les Paul;
- an exact name match always ranks first; ties go to the better seller.

SQLite: every word must appear in name, brand, model or description (icontains); ranked by where
the query appears (exact name, name prefix, name, brand/model, description).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from catalog.models import Product
from catalog.selectors.products import main_image_prefetch, product_visible_queryset

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
# word_similarity() above this counts as a (typo-tolerant) match; 0.45 lets one wrong letter in a
# six-letter word through ("gibsen" → "Gibson") without matching unrelated words.
TRIGRAM_THRESHOLD = 0.45


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


def _search_postgres(products: QuerySet[Product], query: str, terms: list[str]) -> QuerySet[Product]:
    tsquery = SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple")
    vector = RawSQL("catalog_product.search_vector", [], output_field=SearchVectorField())
    return (
        products.alias(document=vector)
        .annotate(
            text_rank=SearchRank(vector, tsquery),
            similarity=Greatest(
                TrigramWordSimilarity(query, "name"), TrigramWordSimilarity(query, "brand"), output_field=FloatField()
            ),
            exact=Case(When(name__iexact=query, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
        )
        .filter(Q(document=tsquery) | Q(similarity__gte=TRIGRAM_THRESHOLD))
        # An exact name wins outright; then words found (weighted by where) plus closeness of spelling.
        .annotate(rank=F("exact") * 10 + F("text_rank") * 2 + F("similarity"))
        .order_by("-rank", "-units_sold", "id")
    )


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
