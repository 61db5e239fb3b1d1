"""Product families: the family rules, the sell rule, the family page and one card per family."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.models import VariantOption, VariantOptionKind, VariantOptionValue
from catalog.selectors import product_is_sellable, product_list_queryset, product_sellable_queryset
from catalog.services.variants import OptionSpec, VariantSpec, variant_family_check, variant_family_set
from catalog.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory
from catalog.tests.factories_variants import family_create
from hurtrock.templatetags.rupiah import format_rupiah

pytestmark = pytest.mark.django_db

GAUGE = [OptionSpec("Gauge"), OptionSpec("Pack")]


# The family rules ------------------------------------------------------------------------------


def test_two_variants_with_the_same_combination_are_refused():
    with pytest.raises(ValidationError) as error:
        variant_family_check(
            options=GAUGE,
            variants=[
                VariantSpec("EXL110", {"Gauge": "10-46", "Pack": "1"}),
                VariantSpec("EXL110-B", {"Gauge": "10-46 ", "Pack": "1"}),  # same once trimmed
            ],
        )
    assert error.value.messages == ["“EXL110-B” and “EXL110” have the same options (10-46, 1)."]


def test_a_variant_without_a_value_for_an_option_is_refused():
    with pytest.raises(ValidationError) as error:
        variant_family_check(
            options=GAUGE,
            variants=[
                VariantSpec("EXL110", {"Gauge": "10-46", "Pack": "1"}),
                VariantSpec("EXL120", {"Gauge": "09-42"}),
            ],
        )
    assert error.value.messages == ["“EXL120” has no value for: Pack."]


def test_a_colour_needs_its_swatch_and_option_names_are_unique():
    with pytest.raises(ValidationError) as error:
        variant_family_check(
            options=[OptionSpec("Finish", VariantOptionKind.COLOUR), OptionSpec("finish")],
            variants=[VariantSpec("STRAT-BLK", {"Finish": "Black", "finish": "x"})],
        )
    assert error.value.messages == [
        "Two options have the same name.",
        "“STRAT-BLK” needs a swatch colour for Finish.",
    ]


def test_a_broken_family_writes_nothing():
    parent = ProductFactory()
    children = [ProductFactory(parent=parent, category=parent.category) for _ in range(2)]
    with pytest.raises(ValidationError):
        variant_family_set(
            parent=parent,
            options=[OptionSpec("Gauge")],
            variants={child: VariantSpec(child.sku, {"Gauge": "10-46"}) for child in children},
        )
    assert not VariantOption.objects.exists() and not VariantOptionValue.objects.exists()


def test_a_good_family_is_stored_and_can_be_changed():
    parent, children = family_create(size=3)
    assert list(parent.variant_options.values_list("name", "kind")) == [("Finish", "colour")]
    assert VariantOptionValue.objects.filter(variant__in=children).count() == 3
    variant_family_set(
        parent=parent,
        options=[OptionSpec("Finish", VariantOptionKind.COLOUR)],
        variants={children[0]: VariantSpec(children[0].sku, {"Finish": "Gold Top"}, {"Finish": "#c9a640"})},
    )
    assert sorted(VariantOptionValue.objects.values_list("value", flat=True)) == ["Black", "Gold Top", "Polar White"]


def test_a_rewrite_that_would_leave_a_duplicate_is_refused():
    parent, children = family_create(size=2)
    with pytest.raises(ValidationError, match="have the same options"):
        variant_family_set(
            parent=parent,
            options=[OptionSpec("Finish", VariantOptionKind.COLOUR)],
            variants={children[0]: VariantSpec(children[0].sku, {"Finish": "Black"}, {"Finish": "#000000"})},
        )
    assert sorted(VariantOptionValue.objects.values_list("value", flat=True)) == ["Black", "Sunburst"]


# The sell rule ----------------------------------------------------------------------------------


def test_a_family_parent_is_not_sellable_its_variants_are():
    parent, children = family_create(size=2)
    ordinary = ProductFactory()
    sellable = set(product_sellable_queryset().values_list("pk", flat=True))
    assert sellable == {ordinary.pk, *(child.pk for child in children)}
    assert not product_is_sellable(product_id=parent.pk)


def test_a_parent_whose_variants_are_all_hidden_is_an_ordinary_product_again():
    parent, children = family_create(size=2)
    for child in children:
        child.is_active = False
        child.save()
    assert product_is_sellable(product_id=parent.pk)


def test_a_family_parent_cannot_be_added_to_a_cart(client):
    parent, children = family_create(size=2)
    response = client.post(reverse("orders:cart_add", args=[parent.pk]), {"quantity": 1})
    assert response.status_code == 404
    assert client.session.get("cart", {}) in ({}, None) or str(parent.pk) not in client.session.get("cart", {})
    added = client.post(reverse("orders:cart_add", args=[children[0].pk]), {"quantity": 1})
    assert added.status_code == 302
    assert client.get(reverse("orders:cart")).context["cart"].count == 1


# The family page ---------------------------------------------------------------------------------


def _picker_data(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="variant-data" type="application/json">') + len(
        '<script id="variant-data" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_the_parent_page_selects_the_cheapest_variant_in_stock(client):
    parent, children = family_create(size=3, prices=[9_000_000, 8_000_000, 8_500_000], stocks=[4, 0, 2])
    response = client.get(parent.get_absolute_url())
    assert response.status_code == 200
    assert response.context["product"] == children[2]  # 8.0 M is out of stock; 8.5 M is the cheapest left
    html = response.content.decode()
    assert html.count("<fieldset") == 1 and "<legend" in html
    assert html.count('type="radio" name="option-') == 3
    assert 'style="background-color: #7a3b12"' in html  # colour options as swatches
    assert "· out of stock" in html  # the sold-out finish is marked, not hidden
    assert f'action="{reverse("orders:cart_add", args=[children[2].pk])}"' in html
    assert f'<link rel="canonical" href="http://testserver{parent.get_absolute_url()}">' in html
    data = _picker_data(response)
    assert [variant["id"] for variant in data["variants"]] == [children[1].pk, children[2].pk, children[0].pk]
    assert data["variants"][0]["in_stock"] is False
    assert data["variants"][1]["price_display"] == format_rupiah(8_500_000)
    assert data["variants"][1]["add_url"] == reverse("orders:cart_add", args=[children[2].pk])


def test_a_variant_has_its_own_url_showing_the_family_with_it_selected(client):
    parent, children = family_create(size=3)
    response = client.get(children[1].get_absolute_url())
    assert response.status_code == 200
    assert response.context["product"] == children[1] and response.context["family"].parent == parent
    html = response.content.decode()
    assert f'<link rel="canonical" href="http://testserver{children[1].get_absolute_url()}">' in html
    assert f'<h1 class="brand-font product-title">{parent.name}</h1>' in html
    assert children[1].sku in html


def test_without_javascript_the_picker_form_opens_the_chosen_variant(client):
    parent, children = family_create(size=3)
    option = parent.variant_options.get()
    response = client.get(parent.get_absolute_url(), {f"option-{option.pk}": "Polar White"})
    assert response.status_code == 302 and response.url == children[2].get_absolute_url()


def test_the_family_page_costs_the_same_queries_for_a_bigger_family(client, django_assert_max_num_queries):
    small, _ = family_create(size=2)
    big, children = family_create(size=6)
    for child in children:
        ProductImageFactory(product=child)
    client.get(small.get_absolute_url())
    with django_assert_max_num_queries(18) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(small_queries)):
        client.get(big.get_absolute_url())


# Lists: one card per family ---------------------------------------------------------------------


def test_the_list_shows_one_card_per_family_with_its_from_price_and_count(client):
    category = CategoryFactory(name="Gitar Elektrik", slug="gitar-elektrik")
    parent, children = family_create(size=3, prices=[16_000_000, 15_000_000, 15_500_000], category=category)
    ProductFactory(name="Ibanez RG550", category=category, price=12_500_000)
    response = client.get(reverse("catalog:product_list"))
    html = response.content.decode()
    listed = [product.pk for product in response.context["page_obj"]]
    assert listed.count(parent.pk) == 1 and not set(listed) & {child.pk for child in children}
    assert f"from {format_rupiah(15_000_000)}" in html or f"mulai {format_rupiah(15_000_000)}" in html
    assert html.count("data-family-count") == 1
    card = html[html.index(parent.get_absolute_url()) - 2000 : html.index(parent.get_absolute_url()) + 3000]
    assert "3 option" in card or "3 pilihan" in card
    assert reverse("orders:cart_add", args=[parent.pk]) not in html  # a family is never added from a card


@pytest.mark.parametrize("family_size", [2, 8])
def test_list_queries_do_not_grow_with_the_families(client, django_assert_max_num_queries, family_size):
    category = CategoryFactory()
    for _ in range(4):
        family_create(size=family_size, category=category)
    ProductFactory.create_batch(4, category=category)
    client.get(reverse("catalog:product_list"))
    with django_assert_max_num_queries(9):  # the list's budget (test_query_budgets) plus the children
        response = client.get(reverse("catalog:product_list"))
    assert len(response.context["page_obj"]) == 8


def test_the_from_price_uses_the_sale_price():
    parent, children = family_create(size=2, prices=[10_000_000, 11_000_000])
    children[1].sale_price = 9_000_000
    children[1].save()
    from catalog.selectors import family_summary

    product = product_list_queryset().get(pk=parent.pk)
    summary = family_summary(product)
    assert summary.count == 2 and summary.from_price.amount == 9_000_000 and summary.in_stock


# Search and autocomplete: one result per family --------------------------------------------------


def test_a_search_on_a_variants_words_shows_its_family_once(client, django_assert_max_num_queries):
    parent, children = family_create(size=3, name="Fender Player Stratocaster", description="Body alder.")
    for child in children:
        ProductImageFactory(product=child)
    ProductFactory.create_batch(3, name="Squier Stratocaster Affinity")

    everything = client.get(reverse("catalog:search"), {"q": "stratocaster"})
    one_finish = client.get(reverse("catalog:search"), {"q": "sunburst"})
    with django_assert_max_num_queries(8):  # the search page's budget (test_search_plans)
        client.get(reverse("catalog:search"), {"q": "sunburst stratocaster"})

    listed = [product.pk for product in everything.context["page_obj"]]
    assert listed.count(parent.pk) == 1 and not set(listed) & {child.pk for child in children}
    assert len(listed) == 4
    assert [product.pk for product in one_finish.context["page_obj"]] == [parent.pk]
    assert "data-family-count" in one_finish.content.decode()


def test_autocomplete_suggests_a_family_once_with_its_from_price(client, django_assert_max_num_queries):
    parent, children = family_create(size=3, name="Fender Player Stratocaster", prices=[16, 15, 17])
    client.get(reverse("catalog:autocomplete"), {"q": "sunburst"})

    with django_assert_max_num_queries(3):  # vocabulary, products, the family's variants
        results = client.get(reverse("catalog:autocomplete"), {"q": "stratocaster"}).json()["results"]
    by_option = client.get(reverse("catalog:autocomplete"), {"q": "sunburst"}).json()["results"]

    assert [(result["name"], result["url"]) for result in results] == [(parent.name, parent.get_absolute_url())]
    assert results[0]["price"] == 15 and results[0]["price_display"] in ("from Rp 15", "mulai Rp 15")
    assert [(result["name"], result["url"]) for result in by_option] == [(parent.name, children[0].get_absolute_url())]


def test_a_saved_family_shows_its_from_price_and_is_chosen_on_its_page(client):
    from catalog.services.wishlist import wishlist_toggle
    from hurtrock.testing.factories import CompleteProfileUserFactory

    user = CompleteProfileUserFactory()
    client.force_login(user)
    parent, children = family_create(size=2, prices=[3_000_000, 2_500_000])
    wishlist_toggle(user=user, product=parent)

    html = client.get(reverse("catalog:wishlist")).content.decode()

    assert format_rupiah(2_500_000) in html and "data-family-count" in html
    assert reverse("orders:cart_add", args=[parent.pk]) not in html  # no "move to cart" for a family


def test_the_list_filters_and_sorts_a_family_by_its_variants(client):
    category = CategoryFactory()
    parent, children = family_create(size=2, prices=[4_000_000, 2_000_000], stocks=[0, 3], category=category)
    ProductFactory(name="Cheap", price=1_000_000, category=category)
    ProductFactory(name="Dear", price=3_000_000, category=category, stock_quantity=0)

    def listed(**params):
        return [product.name for product in client.get(reverse("catalog:product_list"), params).context["page_obj"]]

    parent.refresh_from_db()
    assert parent.price == 2_000_000  # the parent's own price follows its cheapest variant
    assert listed(sort="price_asc") == ["Cheap", parent.name, "Dear"]
    assert listed(in_stock="true", sort="price_asc") == ["Cheap", parent.name]
    assert listed(min_price="1500000", max_price="2500000") == [parent.name]
    children[1].price = 5_000_000
    from catalog.services import product_save

    product_save(product=children[1])
    parent.refresh_from_db()
    assert parent.price == 4_000_000
