"""Storefront pages and JSON endpoints (SQLite and PostgreSQL)."""

import pytest
from django.urls import reverse

from catalog.models import Category
from catalog.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    gitar = CategoryFactory(name="Gitar", slug="gitar")
    elektrik = CategoryFactory(name="Gitar Elektrik", slug="gitar-elektrik", parent=gitar)
    sevens = CategoryFactory(name="7 Senar", slug="tujuh-senar", parent=elektrik)
    efek = CategoryFactory(name="Efek", slug="efek")
    return {"gitar": gitar, "elektrik": elektrik, "sevens": sevens, "efek": efek}


def names(response):
    return [product.name for product in response.context["page_obj"]]


def test_category_filter_includes_every_descendant(client, tree):
    ProductFactory(name="Ibanez RG7", category=tree["sevens"])
    ProductFactory(name="Gibson SG", category=tree["elektrik"])
    ProductFactory(name="Boss DS-1", category=tree["efek"])

    response = client.get(reverse("catalog:product_list"), {"category": "gitar"})

    assert sorted(names(response)) == ["Gibson SG", "Ibanez RG7"]
    assert response.context["current_category"] == tree["gitar"]


def test_brand_price_and_stock_filters_combine(client, tree):
    ProductFactory(name="A", brand="Ibanez", price=3_000_000, stock_quantity=2, category=tree["elektrik"])
    ProductFactory(name="B", brand="Ibanez", price=9_000_000, stock_quantity=2, category=tree["elektrik"])
    ProductFactory(name="C", brand="Jackson", price=4_000_000, stock_quantity=0, category=tree["elektrik"])
    ProductFactory(name="D", brand="ESP LTD", price=4_000_000, stock_quantity=5, category=tree["elektrik"])

    response = client.get(
        reverse("catalog:product_list"),
        {"brand": ["Ibanez", "Jackson"], "min_price": "2000000", "max_price": "5000000", "in_stock": "true"},
    )

    assert names(response) == ["A"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["Murah", "Sedang", "Mahal"]),
        ("price_desc", ["Mahal", "Sedang", "Murah"]),
        ("name", ["Mahal", "Murah", "Sedang"]),
        ("best_selling", ["Sedang", "Murah", "Mahal"]),
        ("newest", ["Sedang", "Mahal", "Murah"]),
        ("nonsense", ["Sedang", "Mahal", "Murah"]),
    ],
)
def test_sort_orders(client, tree, sort, expected):
    ProductFactory(name="Murah", price=1_000_000, units_sold=5, category=tree["efek"])
    ProductFactory(name="Mahal", price=9_000_000, units_sold=1, category=tree["efek"])
    ProductFactory(name="Sedang", price=5_000_000, units_sold=40, category=tree["efek"])

    response = client.get(reverse("catalog:product_list"), {"sort": sort})

    assert names(response) == expected


def test_pagination_links_keep_filters_and_sort(client, tree):
    for n in range(30):
        ProductFactory(name=f"Pedal {n:02d}", brand="Boss", category=tree["efek"])

    response = client.get(reverse("catalog:product_list"), {"category": "efek", "brand": "Boss", "sort": "name"})
    body = response.content.decode()

    assert response.context["page_obj"].paginator.num_pages == 2
    assert "?category=efek&amp;brand=Boss&amp;sort=name&amp;page=2" in body
    page_two = client.get(
        reverse("catalog:product_list"), {"category": "efek", "brand": "Boss", "sort": "name", "page": 2}
    )
    assert names(page_two)[0] == "Pedal 24"


def test_invalid_filter_values_show_an_error_and_do_not_crash(client, tree):
    ProductFactory(name="Boss DS-1", category=tree["efek"])

    response = client.get(reverse("catalog:product_list"), {"min_price": "-5", "category": "nope", "page": "abc"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert names(response) == ["Boss DS-1"]


def test_inactive_products_and_inactive_categories_stay_hidden(client, tree):
    ProductFactory(name="Hidden", is_active=False, category=tree["efek"])
    ProductFactory(name="Shown", category=tree["efek"])
    Category.objects.filter(pk=tree["sevens"].pk).update(is_active=False)

    response = client.get(reverse("catalog:product_list"))

    assert names(response) == ["Shown"]
    assert "tujuh-senar" not in [node.slug for node in response.context["category_tree"]]


def test_variants_are_listed_under_their_parent_not_in_the_grid(client, tree):
    parent = ProductFactory(name="Ernie Ball Slinky", category=tree["efek"])
    ProductFactory(name="Ernie Ball Slinky 10-46", parent=parent, category=tree["efek"], price=99_000)

    grid = client.get(reverse("catalog:product_list"))
    detail = client.get(parent.get_absolute_url())

    assert names(grid) == ["Ernie Ball Slinky"]
    # A family without named options still gets a picker: one implicit "Version" option.
    assert [variant.name for variant in detail.context["family"].variants] == ["Ernie Ball Slinky 10-46"]
    assert detail.context["product"].name == "Ernie Ball Slinky 10-46"
    assert 'value="Ernie Ball Slinky 10-46"' in detail.content.decode()


def test_product_id_url_redirects_permanently_to_the_slug_url(client):
    product = ProductFactory(name="Gibson Les Paul", slug="gibson-les-paul")

    short = client.get(reverse("catalog:product_detail", args=[product.pk]))
    wrong_slug = client.get(f"/product/{product.pk}/old-name/")

    assert short.status_code == 301 and short["Location"] == f"/product/{product.pk}/gibson-les-paul/"
    assert wrong_slug.status_code == 301 and wrong_slug["Location"] == f"/product/{product.pk}/gibson-les-paul/"


def test_product_detail_shows_gallery_specs_stock_related_and_cart_form(client, tree):
    product = ProductFactory(name="Jackson Soloist", stock_quantity=2, low_stock_threshold=3, category=tree["elektrik"])
    ProductImageFactory(product=product, is_main=True, sort_order=1, alt_text="Depan")
    ProductImageFactory(product=product, is_main=False, sort_order=2, alt_text="Belakang")
    ProductFactory(name="Jackson Rhoads", category=tree["elektrik"])
    ProductFactory(name="Boss DS-1", category=tree["efek"])

    response = client.get(product.get_absolute_url())
    body = response.content.decode()

    assert [image.alt_text for image in response.context["images"]] == ["Depan", "Belakang"]
    assert [p.name for p in response.context["related"]] == ["Jackson Rhoads"]
    assert [c.slug for c in response.context["breadcrumbs"]] == ["gitar", "gitar-elektrik"]
    assert '<th scope="row">Body</th><td>Mahogany</td>' in body
    assert f'action="/cart/add/{product.pk}/"' in body and 'name="csrfmiddlewaretoken"' in body
    assert 'name="quantity"' in body and 'max="2"' in body
    assert "srcset=" in body and 'loading="lazy"' in body
    assert f'data-chat-product="{product.pk}"' in body, "the chat app provides chat:room"


def test_out_of_stock_product_disables_the_cart_button(client):
    product = ProductFactory(stock_quantity=0)

    body = client.get(product.get_absolute_url()).content.decode()

    assert f'data-add-to-cart="{product.pk}" disabled' in body


def test_inactive_or_missing_product_is_404(client):
    hidden = ProductFactory(is_active=False)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/product/999999/").status_code == 404


def test_home_shows_categories_featured_and_new_arrivals(client, tree):
    ProductFactory(name="Unggulan", is_featured=True, category=tree["efek"])
    ProductFactory(name="Baru", category=tree["efek"])

    response = client.get(reverse("home"))

    assert [node.slug for node in response.context["categories"]] == ["efek", "gitar"]
    assert [p.name for p in response.context["featured"]] == ["Unggulan"]
    assert [p.name for p in response.context["new_arrivals"]] == ["Baru", "Unggulan"]


def test_autocomplete_returns_at_most_eight_suggestions_as_json(client):
    for n in range(12):
        product = ProductFactory(name=f"Ibanez RG{n}", brand="Ibanez", price=4_500_000)
        ProductImageFactory(product=product)

    response = client.get(reverse("catalog:autocomplete"), {"q": "ibanez"})
    data = response.json()

    assert response["Content-Type"] == "application/json"
    assert len(data["results"]) == 8
    first = data["results"][0]
    assert set(first) == {
        "id",
        "name",
        "brand",
        "price",
        "price_display",
        "regular_price",
        "regular_price_display",
        "percent_off",
        "sale",
        "thumbnail",
        "url",
    }
    assert first["price_display"] == "Rp 4.500.000"
    assert first["thumbnail"].endswith("-thumb.webp")
    assert first["url"].startswith("/product/")


def test_autocomplete_needs_two_characters_and_caps_the_query(client):
    ProductFactory(name="Ibanez RG")

    assert client.get(reverse("catalog:autocomplete"), {"q": "i"}).json()["results"] == []
    assert client.get(reverse("catalog:autocomplete"), {"q": "x" * 5000}).status_code == 200


def test_search_fallback_matches_every_word_and_ranks_the_name_first(client, settings):
    ProductFactory(name="Kabel Jack", description="Cocok untuk gitar Ibanez dan efek.", brand="Fender")
    ProductFactory(name="Ibanez RG550 Genesis", brand="Ibanez")
    ProductFactory(name="Boss DS-1", description="Distorsi klasik.", brand="Boss")

    response = client.get(reverse("catalog:search"), {"q": "ibanez"})

    assert names(response)[0] == "Ibanez RG550 Genesis"
    assert set(names(response)) == {"Ibanez RG550 Genesis", "Kabel Jack"}
    assert names(client.get(reverse("catalog:search"), {"q": "distorsi klasik"})) == ["Boss DS-1"]
    assert names(client.get(reverse("catalog:search"), {"q": "   "})) == []


def test_product_api_returns_public_json_and_json_404(client, tree):
    product = ProductFactory(name="Gibson SG", category=tree["elektrik"], price=25_000_000)
    ProductImageFactory(product=product)

    data = client.get(reverse("catalog:product_api", args=[product.pk])).json()
    missing = client.get(reverse("catalog:product_api", args=[424242]))

    assert data["name"] == "Gibson SG" and data["price"] == 25_000_000 and data["price_display"] == "Rp 25.000.000"
    assert data["specifications"] == [{"name": "Body", "value": "Mahogany"}, {"name": "Frets", "value": "24"}]
    assert data["category"] == {"slug": "gitar-elektrik", "name": "Gitar Elektrik"}
    assert data["images"][0]["thumbnail"].endswith("-thumb.webp")
    assert data["url"] == f"http://testserver/product/{product.pk}/{product.slug}/"
    assert "supplier" not in data
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


@pytest.mark.urls("catalog.tests.urls_with_chat")
def test_ask_about_this_product_appears_once_the_chat_room_url_exists(client):
    product = ProductFactory()

    body = client.get(product.get_absolute_url()).content.decode()

    assert f'data-chat-product="{product.pk}"' in body
    assert 'href="/test-chat/chat/"' in body


def test_the_phone_buy_bar_shows_the_price_paid_now_during_a_sale(client, tree):
    product = ProductFactory(name="Ibanez RG550", price=12_000_000, sale_price=9_900_000, stock_quantity=3)

    html = client.get(product.get_absolute_url()).content.decode()

    bar = html[html.index("data-sticky-buy-bar") :]
    bar = bar[: bar.index("</form>")]
    assert "Rp 9.900.000" in bar and "Rp 12.000.000" not in bar
