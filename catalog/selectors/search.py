"""Product search: typo-tolerant, prefix and synonym aware, ranked; index-backed on PostgreSQL.

Each query word is expanded first (catalog/selectors/search_terms.py, one query on the vocabulary):
the word itself (a prefix as you type), its synonyms, and, when the catalog does not know it, its
corrections within the typo budget. Then one product query:

PostgreSQL: the weighted `search_vector` (name A, brand/model B, category path C, description and
specification values D; migrations 0003/0006) is matched with a tsquery — every word the
vocabulary knows must match in one of its forms (`fender & (rumble) & ('100':*)`), words it does
not know are only used for ranking — so a GIN index scan serves it, never a sequential scan.
Ranking: exact words (typed or synonyms) count twice, corrected ones once, weighted by where they
are; the exact name wins outright; equal relevance puts in-stock first, then best-sellers.

SQLite (development only): the same expansion, matched with icontains over name, brand, model,
description and the category path, ranked by a CASE sum of where each word was found.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Floor

from catalog.models import Product, ProductImage
from catalog.selectors.products import family_prefetch, main_image_prefetch, product_visible_queryset
from catalog.selectors.search_terms import Word, query_words, query_words_expand
from catalog.selectors.variants import one_per_family

MAX_QUERY_LENGTH = 100
EXACT_NAME_BONUS = 10.0


def search_query_clean(raw: str | None) -> str:
    """The query as searched: NUL bytes dropped, whitespace collapsed, length capped."""
    return " ".join((raw or "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]


def search_terms(query: str) -> list[str]:
    """Lower-case words of the query (letters and digits only, so they are safe in a tsquery)."""
    return query_words(query)


@dataclass
class SearchResult:
    query: str
    products: QuerySet
    words: list[Word] = field(default_factory=list)
    exact: bool = False
    relaxed: bool = False

    @property
    def can_relax(self) -> bool:
        """Whether a relaxed search could find more (two or more words must all match now)."""
        return not self.relaxed and sum(1 for word in self.words if word.matched or word.synonyms) > 1

    @property
    def corrected_query(self) -> str:
        """The query as read ("fender rumble 100" for "Fneder Rumble 100"), or "" when unchanged."""
        if self.exact or not self.words:
            return ""
        read = [word.best for word in self.words]
        return " ".join(read) if read != [word.typed for word in self.words] else ""

    @property
    def unknown_words(self) -> list[str]:
        return [word.typed for word in self.words if not word.matched and not word.synonyms]


def search_run(
    *, query: str, products: QuerySet | None = None, exact: bool = False, relaxed: bool = False
) -> SearchResult:
    """Search `products` (visible products by default) for `query`; `exact` turns corrections off.

    By default every word the catalog knows must match; `relaxed` (the caller's second try when
    that finds nothing, e.g. "guitar strap") leaves out the word that finds the most products
    ("guitar"), so the rarer, more telling words decide and the index stays selective.
    """
    query = search_query_clean(query)
    words = query_words_expand(query, typos=not exact)
    if not words:
        return SearchResult(query=query, products=Product.objects.none(), exact=exact)
    base = product_visible_queryset() if products is None else products
    if connection.vendor == "postgresql":
        found = _search_postgres(base, query, words, relaxed=relaxed)
    else:
        found = one_per_family(_search_fallback(base, query, words, relaxed=relaxed))  # a family is one result
    return SearchResult(query=query, products=found, words=words, exact=exact, relaxed=relaxed)


def product_search(*, query: str, with_images: bool = True, exact: bool = False) -> QuerySet[Product]:
    """Visible products matching `query`, best match first (an empty query matches nothing)."""
    products = product_visible_queryset()
    if with_images:
        products = products.prefetch_related(main_image_prefetch())
    return search_run(query=query, products=products, exact=exact).products


def product_suggestions(*, query: str, limit: int = 8) -> list[Product]:
    """The autocomplete's top matches (two queries: the vocabulary, then the products with their
    category, parent and main thumbnail file name, `main_thumbnail`; a third only when a product
    family is among them: its variants, for the "from" price). A family is suggested once."""
    thumbnail = ProductImage.objects.filter(product=OuterRef("pk"), is_main=True).values("thumbnail")[:1]
    has_variants = Exists(Product.objects.filter(parent_id=OuterRef("pk"), is_active=True))
    products = product_visible_queryset().select_related("category", "parent")
    result = search_run(query=query, products=products)
    found = list(result.products.annotate(main_thumbnail=Subquery(thumbnail), has_variants=has_variants)[:limit])
    if not found and result.can_relax:
        found = list(
            search_run(query=query, products=products, relaxed=True).products.annotate(
                main_thumbnail=Subquery(thumbnail), has_variants=has_variants
            )[:limit]
        )
    families = [product for product in found if product.has_variants]
    if families:
        prefetch_related_objects(families, family_prefetch())
    seen, unique = set(), []
    for product in found:
        if (product.parent_id or product.pk) not in seen:
            seen.add(product.parent_id or product.pk)
            unique.append(product)
    return unique


def search_highlight_terms(result: SearchResult) -> list[str]:
    """Words to mark in result names: as typed (prefixes), as corrected, and their synonyms."""
    terms: list[str] = []
    for word in result.words:
        for term in [word.typed, word.best, *sorted(word.synonyms)]:
            if term not in terms:
                terms.append(term)
    return terms


# PostgreSQL ------------------------------------------------------------------------------------


def _required(words: list[Word], *, relaxed: bool) -> list[Word]:
    """The words every result must match: those the catalog knows, less the commonest when relaxed."""
    known = [word for word in words if word.matched or word.synonyms]
    if relaxed and len(known) > 1:
        commonest = max(known, key=lambda word: word.frequency)
        known = [word for word in known if word is not commonest]
    return known


def _group(word: Word, *, prefix: bool) -> str:
    typed = f"'{word.typed}':*" if prefix else f"'{word.typed}'"
    others = [f"'{other}'" for other in [*sorted(word.synonyms), *word.corrected]]
    return "(" + " | ".join([typed, *others]) + ")"


def _raw(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config="simple")


def _search_postgres(products: QuerySet, query: str, words: list[Word], *, relaxed: bool) -> QuerySet:
    vector = RawSQL("catalog_product.search_vector", [], output_field=SearchVectorField())
    groups = [_group(word, prefix=True) for word in words]
    required = [_group(word, prefix=True) for word in _required(words, relaxed=relaxed)]
    every = " & ".join(required or groups)
    matching = every if required else " | ".join(groups)
    exact_words = " | ".join(f"'{term}'" for word in words for term in word.exact_words)
    products = (
        products.alias(document=vector).filter(document=_raw(matching)).filter(_without_matching_parent(matching))
    )
    return products.annotate(
        rank=SearchRank(vector, _raw(exact_words)) * 2
        + SearchRank(vector, _raw(" | ".join(groups)))
        # words close together ("senar gitar" in a category's description) beat words far apart
        + SearchRank(vector, _raw(every), cover_density=True)
        + Case(When(name__iexact=query, then=Value(EXACT_NAME_BONUS)), default=Value(0.0), output_field=FloatField()),
        relevance=Floor(F("rank") * 100),
        in_stock=Case(When(stock_quantity__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField()),
    ).order_by("-relevance", "-in_stock", "-units_sold", "id")


def _without_matching_parent(matching: str) -> RawSQL:
    """A family is one result: a variant whose parent matches too is left out (the parent's card
    stands for the family). Correlated on the parent's primary key, so only matching variants cost
    an index probe and the ranking keeps its top-N sort. Variants that match without their parent
    (an option word: "sunburst") stay; `family_cards` shows their parent's card, once a page."""
    return RawSQL(
        "NOT EXISTS (SELECT 1 FROM catalog_product family_parent WHERE family_parent.id = catalog_product.parent_id"
        " AND family_parent.search_vector @@ to_tsquery('simple'::regconfig, %s))",
        [matching],
        output_field=BooleanField(),
    )


# SQLite ----------------------------------------------------------------------------------------

CATEGORY_PATHS = ["category__name", "category__parent__name", "category__parent__parent__name"]


def _any(fields: list[str], terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        for name in fields:
            condition |= Q(**{f"{name}__icontains": term})
    return condition


def _search_fallback(products: QuerySet, query: str, words: list[Word], *, relaxed: bool) -> QuerySet:
    everywhere = ["name", "brand", "model_name", "description", *CATEGORY_PATHS]
    matches = [_any(everywhere, word.exact_words + word.corrected) for word in words]
    required = [_any(everywhere, word.exact_words + word.corrected) for word in _required(words, relaxed=relaxed)]
    if required:
        for match in required:
            products = products.filter(match)
    else:
        either = Q()
        for match in matches:
            either |= match
        products = products.filter(either)
    rank = Case(When(name__iexact=query, then=Value(1000)), default=Value(0), output_field=IntegerField())
    for word in words:
        exact, fuzzy = word.exact_words, word.corrected
        tiers = [(["name"], exact, 100), (["name"], fuzzy, 50), (["brand", "model_name"], exact, 40)]
        tiers += [(["brand", "model_name"], fuzzy, 20), (CATEGORY_PATHS, exact + fuzzy, 10)]
        tiers += [(["description"], exact + fuzzy, 5)]
        whens = [When(_any(fields, terms), then=Value(points)) for fields, terms, points in tiers if terms]
        rank = rank + Case(*whens, default=Value(0), output_field=IntegerField())
    in_stock = Case(When(stock_quantity__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())
    return products.annotate(rank=rank, in_stock=in_stock).order_by("-rank", "-in_stock", "-units_sold", "id")
