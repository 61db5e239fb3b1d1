"""`product_ids_sellable` and `products_sellable_by_id`: the sell rule for a cart's ids, its SQL
compiled once per process (the ids, or the whole rows).

The compiled statement must answer exactly as the rule's queryset does, for every kind of product
the rule refuses, and a catalog change must show in the next answer (the SQL is kept, never the
answer)."""

import pytest
from django.db import connection

from catalog.selectors import product_ids_sellable, product_sellable_queryset, products_sellable_by_id
from catalog.selectors.variants import _COMPILED_UP_TO, _ids_sellable_sql
from catalog.tests.factories import CategoryFactory, ProductFactory
from catalog.tests.factories_variants import family_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    parent, (first, second) = family_create(size=2)
    switched_off_parent, (orphan, _other) = family_create(size=2)
    switched_off_parent.is_active = False
    switched_off_parent.save()
    hidden_category = CategoryFactory(is_active=False)
    return {
        "ordinary": ProductFactory(),
        "variant": first,
        "other variant": second,
        "family parent": parent,
        "variant of a switched-off family": orphan,
        "switched off": ProductFactory(is_active=False),
        "in a hidden category": ProductFactory(category=hidden_category),
    }


def _by_queryset(ids) -> set[int]:
    return set(product_sellable_queryset().filter(pk__in=ids).values_list("pk", flat=True))


def test_the_compiled_rule_answers_as_the_queryset_for_every_kind_of_product(catalog):
    ids = [product.pk for product in catalog.values()] + [999_999]

    assert _ids_sellable_sql(connection.vendor, len(ids), False) is not None  # the compiled path is the one tested
    assert product_ids_sellable(ids) == _by_queryset(ids)
    assert product_ids_sellable(ids) == {catalog[name].pk for name in ("ordinary", "variant", "other variant")}


def test_the_whole_rows_are_the_rules_rows_field_by_field(catalog):
    ids = [product.pk for product in catalog.values()] + [999_999]
    expected = product_sellable_queryset().filter(pk__in=ids).in_bulk()

    assert _ids_sellable_sql(connection.vendor, len(ids), True) is not None
    rows = products_sellable_by_id(ids)
    assert set(rows) == set(expected) == {catalog[name].pk for name in ("ordinary", "variant", "other variant")}
    for pk, product in rows.items():
        for field in product._meta.concrete_fields:
            assert getattr(product, field.attname) == getattr(expected[pk], field.attname), field.name
    assert products_sellable_by_id([]) == {}


def test_repeated_and_many_ids_past_the_compiled_sizes_answer_the_same(catalog):
    ids = [product.pk for product in catalog.values()]
    many = ids + list(range(900_000, 900_000 + _COMPILED_UP_TO))  # compiled each time

    assert product_ids_sellable(ids + ids) == product_ids_sellable(many) == _by_queryset(ids)
    assert product_ids_sellable([]) == set()
    assert set(products_sellable_by_id(many)) == set(products_sellable_by_id(ids + ids)) == _by_queryset(ids)


def test_a_catalog_change_shows_in_the_next_answer(catalog):
    ordinary, variant = catalog["ordinary"], catalog["variant"]
    ids = [ordinary.pk, variant.pk]
    assert product_ids_sellable(ids) == {ordinary.pk, variant.pk}
    assert set(products_sellable_by_id(ids)) == {ordinary.pk, variant.pk}

    type(ordinary).objects.filter(pk=ordinary.pk).update(price=ordinary.price + 1000, stock_quantity=3)
    fresh = products_sellable_by_id(ids)[ordinary.pk]
    assert (fresh.price, fresh.stock_quantity) == (ordinary.price + 1000, 3)

    ordinary.is_active = False
    ordinary.save()
    variant.category.is_active = False
    variant.category.save()

    assert product_ids_sellable(ids) == set()
    assert products_sellable_by_id(ids) == {}
