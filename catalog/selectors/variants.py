"""Reads of product families (a parent with child products that differ by named options).

django-oscar's model: a parent with visible children is a *family*. It is shown (the list shows
it once, with a "from" price and the number of options) but never sold; its children are the
purchasable units. A parent with no visible children is an ordinary product.
`product_sellable_queryset` is the one place that says what may go into a cart and an order.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext as _

from catalog.models import Product, ProductImage, VariantOption, VariantOptionValue
from catalog.pricing import Price, product_price
from catalog.selectors.products import family_prefetch, main_image_prefetch, product_visible_queryset
from hurtrock.rawrows import instances_from_sql, rows_from_sql


def product_sellable_queryset() -> QuerySet[Product]:
    """THE sell rule: visible products that are not a family parent (cart add, cart, checkout).

    A family parent (one with visible children) is a shop window for its variants: its own price
    and stock are never sold."""
    return _sellable_rule().all()


@functools.cache
def _sellable_rule() -> QuerySet[Product]:
    """Built once per process, handed out as copies (as `products._visible_rule`)."""
    children = product_visible_queryset().filter(parent_id=OuterRef("pk"))
    return product_visible_queryset().exclude(Exists(children))


def product_is_sellable(*, product_id: int) -> bool:
    return product_sellable_queryset().filter(pk=product_id).exists()


def product_for_sale(*, product_id: int) -> Product | None:
    """The product, if the sell rule allows it, else None: the rule and the row in one query."""
    return product_sellable_queryset().filter(pk=product_id).first()


def product_ids_sellable(product_ids) -> set[int]:
    """Which of these products may be sold, by their ids (cart lines, the cart badge, a cart merge).

    Always with the ids as literals: as a subquery (`product__in=<the sellable products>`, or an
    EXISTS) PostgreSQL misjudges the rule's size and works out the whole sellable catalog first
    (40–50 ms at 10,000 products, on every cart add, cart badge and checkout). The rule's SQL for
    a given number of ids is compiled once per process (`_ids_sellable_sql`) and runs as a prepared
    statement on PostgreSQL (`hurtrock.rawrows`: its parsing and planning were ~0.7 ms a run)."""
    ids = _ids(product_ids)
    if not ids:
        return set()
    compiled = _ids_sellable_sql(connection.vendor, len(ids), False) if len(ids) <= _COMPILED_UP_TO else None
    if compiled is None:
        return set(_ids_sellable_queryset(ids).values_list("pk", flat=True))
    sql, rule_params = compiled
    return {row[0] for row in rows_from_sql(sql, [*rule_params, *ids], prepared=True)}


def products_sellable_by_id(product_ids) -> dict[int, Product]:
    """The products among these ids that may be sold, whole rows, by id (a guest's cart lines, and
    the committed read of `order_place`): the same rule and compiled SQL as `product_ids_sellable`."""
    ids = _ids(product_ids)
    if not ids:
        return {}
    compiled = _ids_sellable_sql(connection.vendor, len(ids), True) if len(ids) <= _COMPILED_UP_TO else None
    if compiled is None:
        return _ids_sellable_queryset(ids).in_bulk()
    sql, rule_params = compiled
    rows = instances_from_sql(Product, sql, [*rule_params, *ids], prepared=True)
    return {product.pk: product for product, _rest in rows}


_COMPILED_UP_TO = 64  # ids; a bigger cart (or merge) is compiled each time


def _ids(product_ids) -> list[int]:
    return sorted({int(pk) for pk in product_ids})


def _ids_sellable_queryset(ids: list[int]) -> QuerySet[Product]:
    return product_sellable_queryset().filter(pk__in=ids).order_by()


@functools.lru_cache(maxsize=2 * _COMPILED_UP_TO)
def _ids_sellable_sql(vendor: str, count: int, whole_rows: bool) -> tuple[str, tuple] | None:
    """The sell rule's SQL and parameters for `count` ids (their pks, or `whole_rows`), compiled
    once from the same queryset.

    Compiling the rule (its subqueries, the category tree's CTE) costs ~0.6 ms of Python, more than
    PostgreSQL needs to plan and run it for a cart's ids. The ids are the statement's last
    parameters; if they are not (or the rule ever takes a value of the moment, such as a date),
    None: the caller compiles each time."""
    placeholders = list(range(-count, 0))  # distinct, and never a product's id
    queryset = _ids_sellable_queryset(placeholders)
    query = (queryset if whole_rows else queryset.values_list("pk", flat=True)).query
    sql, params = query.get_compiler(connection=connection).as_sql()
    rule_params, id_params = tuple(params[:-count]), list(params[-count:])
    if id_params != placeholders or any(isinstance(p, (datetime.date, datetime.time)) for p in rule_params):
        return None
    return sql, rule_params


def one_per_family(products: QuerySet) -> QuerySet:
    """Keep one row per family: the parent when it matches, else the best-ranked variant.

    A window function: the SQLite fallback's way; on PostgreSQL search uses `search._without_matching_parent` instead, which keeps the top-N sort
    (a window has to rank every match first: 2-3× slower on broad queries at 10,000 products)."""
    order = [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in products.query.order_by]
    parent_first = F("parent_id").asc(nulls_first=True)  # a matching parent stands for its family
    return products.annotate(
        family_place=Window(RowNumber(), partition_by=[Coalesce("parent_id", "id")], order_by=[parent_first, *order]),
    ).filter(family_place=1)


def family_cards(products: list[Product]) -> list[Product]:
    """The cards for a page of search results: a child becomes its (visible) parent's card, each
    family once, with main images and families prefetched. Rows need `select_related("parent")`;
    one query for the parents' visibility (only when there are children) and the two prefetches."""
    parent_ids = {product.parent_id for product in products if product.parent_id}
    visible = (
        set(product_visible_queryset().filter(pk__in=parent_ids).values_list("pk", flat=True)) if parent_ids else set()
    )
    cards, seen = [], set()
    for product in products:
        card = product.parent if product.parent_id in visible else product
        if card.pk not in seen:
            seen.add(card.pk)
            cards.append(card)
    prefetch_related_objects(cards, main_image_prefetch(), family_prefetch())
    return cards


@dataclass(frozen=True)
class FamilySummary:
    """What a card shows for a family: the lowest current price and how many options there are."""

    count: int
    from_price: Price
    in_stock: bool


def family_summary(product: Product) -> FamilySummary | None:
    """From the prefetched children (no query); None for an ordinary product or without the prefetch."""
    children = getattr(product, "prefetched_variants", None)
    if not children:
        return None
    in_stock = [child for child in children if child.is_in_stock]
    prices = [product_price(child) for child in (in_stock or children)]
    return FamilySummary(
        count=len(children), from_price=min(prices, key=lambda price: price.amount), in_stock=bool(in_stock)
    )


@dataclass
class Choice:
    """One value of an option on the product page, as seen from the selected variant."""

    value: str
    swatch: str
    checked: bool
    exists: bool  # a variant with this value and the selected variant's other values exists
    in_stock: bool  # ... and it is in stock
    url: str  # that variant's page (or the first variant with this value)


@dataclass
class OptionChoices:
    option: VariantOption
    choices: list[Choice] = field(default_factory=list)
    current: str = ""


@dataclass
class Family:
    parent: Product
    variants: list[Product]
    options: list[VariantOption]
    selected: Product

    def values_of(self, variant: Product) -> dict[int, VariantOptionValue]:
        """Option id → the variant's value. A family without named options (e.g. imported with
        only parent SKUs) gets one implicit option, "Version", whose values are the names."""
        if not self.options or self.options[0].pk is None:
            return {None: VariantOptionValue(option_id=None, variant=variant, value=variant.name)}
        return {value.option_id: value for value in variant.option_values.all()}

    def variant_for(self, values: dict[int, str]) -> Product | None:
        """The variant with these option values (option id → value), if there is one."""
        for variant in self.variants:
            own = self.values_of(variant)
            if all(own.get(option_id) and own[option_id].value == value for option_id, value in values.items()):
                return variant
        return None

    def picker(self) -> list[OptionChoices]:
        selected = {option_id: value.value for option_id, value in self.values_of(self.selected).items()}
        groups = []
        for option in self.options:
            group = OptionChoices(option=option, current=selected.get(option.pk, ""))
            seen = {}
            for variant in sorted(self.variants, key=lambda variant: variant.pk):  # the order they were made
                value = self.values_of(variant).get(option.pk)
                if value is not None and value.value not in seen:
                    seen[value.value] = value
            for text, value in seen.items():
                match = self.variant_for({**selected, option.pk: text})
                fallback = match or self.variant_for({option.pk: text})
                group.choices.append(
                    Choice(
                        value=text,
                        swatch=value.swatch,
                        checked=text == group.current,
                        exists=match is not None,
                        in_stock=bool(match and match.is_in_stock),
                        url=fallback.get_absolute_url() if fallback else "",
                    )
                )
            groups.append(group)
        return groups


def _default_variant(variants: list[Product]) -> Product:
    """The cheapest variant in stock, else the first."""
    in_stock = [variant for variant in variants if variant.is_in_stock]
    if not in_stock:
        return variants[0]
    return min(in_stock, key=lambda variant: (product_price(variant).amount, variant.pk))


def product_family(*, product: Product) -> Family | None:
    """The family `product` belongs to (as parent or child) with `product` selected, or the default
    variant when `product` is the parent; None for an ordinary product. Three queries: the
    children with their option values and galleries, and the options."""
    root = product.parent if product.parent_id else product
    if product.parent_id and not product_visible_queryset().filter(pk=product.parent_id).exists():
        return None  # the parent is hidden: the child is shown as an ordinary product
    gallery = Prefetch("images", queryset=ProductImage.objects.order_by("-is_main", "sort_order", "id"))
    values = Prefetch("option_values", queryset=VariantOptionValue.objects.select_related("option"))
    variants = list(
        product_visible_queryset()
        .filter(parent_id=root.pk)
        .select_related("category")
        .prefetch_related(gallery, values)
        .order_by("price", "id")
    )
    if not variants:
        return None
    options = list(VariantOption.objects.filter(product_id=root.pk).order_by("position", "id"))
    options = options or [VariantOption(product=root, name=_("Version"))]  # pk None: the implicit option
    by_pk = {variant.pk: variant for variant in variants}
    selected = by_pk.get(product.pk) or _default_variant(variants)
    return Family(parent=root, variants=variants, options=options, selected=selected)
