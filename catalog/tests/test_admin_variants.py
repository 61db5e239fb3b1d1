"""The family is edited on the parent's admin page: options, variants and their values, checked
as a whole by the service (a duplicate or a missing value is a form error, nothing is saved)."""

import pytest
from django.urls import reverse

from catalog.models import Product, VariantOptionValue
from catalog.tests.conftest import product_admin_data
from catalog.tests.factories_variants import family_create

pytestmark = pytest.mark.django_db


def family_data(parent, children, rows, *, extra_rows=()):
    """The parent's change form with its option inline and the variant rows (existing + new)."""
    option = parent.variant_options.get()
    data = product_admin_data(parent)
    data.update(
        {
            "variant_options-TOTAL_FORMS": "1",
            "variant_options-INITIAL_FORMS": "1",
            "variant_options-0-id": option.pk,
            "variant_options-0-product": parent.pk,
            "variant_options-0-name": option.name,
            "variant_options-0-kind": option.kind,
            "variant_options-0-position": "0",
        }
    )
    all_rows = [*zip(children, rows), *((None, row) for row in extra_rows)]
    data["variants-TOTAL_FORMS"] = str(len(all_rows))
    data["variants-INITIAL_FORMS"] = str(len(children))
    for index, (child, row) in enumerate(all_rows):
        prefix = f"variants-{index}-"
        data[f"{prefix}id"] = child.pk if child else ""
        data[f"{prefix}parent"] = parent.pk
        data[f"{prefix}sku"] = row.get("sku", child.sku if child else "")
        data[f"{prefix}name"] = row.get("name", child.name if child else "")
        data[f"{prefix}price"] = row.get("price", child.price if child else 0)
        data[f"{prefix}is_active"] = "on"
        data[f"{prefix}option_{option.pk}"] = row["finish"]
        data[f"{prefix}swatch_{option.pk}"] = row.get("swatch", "#123456")
    return data


def test_the_parent_page_shows_the_family_inlines_and_a_variant_page_does_not(staff_client):
    parent, children = family_create(size=2)
    option = parent.variant_options.get()

    page = staff_client.get(reverse("admin:catalog_product_change", args=[parent.pk])).content.decode()
    child_page = staff_client.get(reverse("admin:catalog_product_change", args=[children[0].pk])).content.decode()

    assert f'name="variants-0-option_{option.pk}" value="Sunburst"' in page
    assert f'name="variants-1-swatch_{option.pk}"' in page and 'type="color"' in page
    assert 'name="variant_options-0-name"' in page
    assert "variants-TOTAL_FORMS" not in child_page


def test_the_family_is_saved_in_one_place_and_stock_is_never_written(staff_client):
    parent, children = family_create(size=2, stocks=[4, 7])
    Product.objects.filter(pk=children[0].pk).update(stock_quantity=2)  # a sale meanwhile
    data = family_data(
        parent,
        children,
        [{"finish": "Sunburst", "price": 15_250_000}, {"finish": "Gold Top", "swatch": "#c9a640"}],
        extra_rows=[
            {"sku": "STRAT-AQB", "name": "Strat Aquatone Blue", "price": 15_900_000, "finish": "Aquatone Blue"}
        ],
    )

    response = staff_client.post(reverse("admin:catalog_product_change", args=[parent.pk]), data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    values = dict(VariantOptionValue.objects.values_list("variant__sku", "value"))
    assert values == {children[0].sku: "Sunburst", children[1].sku: "Gold Top", "STRAT-AQB": "Aquatone Blue"}
    new = Product.objects.get(sku="STRAT-AQB")
    assert (new.parent, new.category, new.brand, new.stock_quantity) == (parent, parent.category, parent.brand, 0)
    children[0].refresh_from_db()
    assert (children[0].price, children[0].stock_quantity) == (15_250_000, 2)  # stock untouched by the form


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"finish": "Black"}, {"finish": "black"}], "have the same options (black)"),
        ([{"finish": "Sunburst"}, {"finish": ""}], "has no value for: Finish"),
    ],
)
def test_a_broken_family_is_a_form_error_and_saves_nothing(staff_client, rows, message):
    parent, children = family_create(size=2)
    data = family_data(parent, children, [{**row, "price": 1} for row in rows])

    response = staff_client.post(reverse("admin:catalog_product_change", args=[parent.pk]), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert sorted(VariantOptionValue.objects.values_list("value", flat=True)) == ["Black", "Sunburst"]
    assert not Product.objects.filter(price=1).exists()
