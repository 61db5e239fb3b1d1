"""Product and category back office: permissions, read-only stock, list editing, filters, actions."""

import pytest
from django.contrib.auth.models import Permission
from django.db.models import F
from django.urls import reverse

from catalog.models import Category, Product
from catalog.tests.conftest import product_admin_data
from catalog.tests.factories import CategoryFactory, ProductFactory
from hurtrock.testing.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:catalog_product_changelist"


def results(response):
    return sorted(product.name for product in response.context["cl"].result_list)


def test_anonymous_and_buyers_cannot_reach_the_product_admin(client):
    ProductFactory(name="Rahasia")
    url = reverse(CHANGELIST)

    anonymous = client.get(url)
    client.force_login(UserFactory())
    buyer = client.get(url)

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert buyer.status_code == 302 and "Rahasia" not in buyer.content.decode()


def test_staff_without_catalog_permissions_gets_403_and_changes_nothing(client):
    product = ProductFactory(price=1_000_000)
    staff = StaffFactory()
    staff.groups.clear()
    staff.user_permissions.add(Permission.objects.get(codename="view_supplier"))
    client.force_login(staff)

    listing = client.get(reverse(CHANGELIST))
    change = client.post(
        reverse("admin:catalog_product_change", args=[product.pk]), product_admin_data(product, price=1)
    )

    assert listing.status_code == 403 and change.status_code == 403
    product.refresh_from_db()
    assert product.price == 1_000_000


def test_stock_is_read_only_and_an_edit_never_overwrites_a_concurrent_stock_change(staff_client):
    product = ProductFactory(price=1_000_000, stock_quantity=10)
    url = reverse("admin:catalog_product_change", args=[product.pk])
    form = staff_client.get(url).context["adminform"].form
    # An order reserves two units and one is sold while the form is open.
    Product.objects.filter(pk=product.pk).update(stock_quantity=F("stock_quantity") - 2, units_sold=F("units_sold") + 1)

    response = staff_client.post(url, product_admin_data(product, price=1_250_000, stock_quantity=99))

    assert "stock_quantity" not in form.fields
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.stock_quantity, product.units_sold) == (1_250_000, 8, 1)


def test_the_list_shows_prices_as_rupiah_and_is_not_an_edit_form(staff_client):
    ProductFactory(price=2_049_000)

    response = staff_client.get(reverse(CHANGELIST))

    body = response.content.decode()
    assert "Rp 2.049.000" in body and 'name="form-0-price"' not in body
    assert response.context["cl"].formset is None


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("feature", "is_featured", True),
        ("unfeature", "is_featured", False),
        ("activate", "is_active", True),
        ("deactivate", "is_active", False),
    ],
)
def test_bulk_actions(staff_client, action, field, value):
    chosen = [ProductFactory(is_featured=not value, is_active=not value) for _ in range(3)]
    other = ProductFactory(is_featured=not value, is_active=not value)

    response = staff_client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [p.pk for p in chosen]})

    assert response.status_code == 302
    assert set(Product.objects.filter(**{field: value}).values_list("pk", flat=True)) == {p.pk for p in chosen}
    other.refresh_from_db()
    assert getattr(other, field) is (not value)


@pytest.mark.parametrize(
    ("stock", "expected"),
    [("in", ["Banyak"]), ("low", ["Sedikit", "Pas"]), ("out", ["Habis"]), ("restock", ["Habis", "Pas", "Sedikit"])],
)
def test_stock_state_filter(staff_client, stock, expected):
    ProductFactory(name="Banyak", stock_quantity=20, low_stock_threshold=3)
    ProductFactory(name="Pas", stock_quantity=3, low_stock_threshold=3)
    ProductFactory(name="Sedikit", stock_quantity=1, low_stock_threshold=3)
    ProductFactory(name="Habis", stock_quantity=0, low_stock_threshold=3)

    response = staff_client.get(reverse(CHANGELIST), {"stock": stock})

    assert results(response) == sorted(expected)


def test_category_filter_includes_sub_categories_and_brand_and_search_work(staff_client):
    gitar = CategoryFactory(name="Gitar", slug="gitar")
    elektrik = CategoryFactory(name="Elektrik", slug="elektrik", parent=gitar)
    ProductFactory(name="Ibanez RG", brand="Ibanez", category=elektrik, sku="IBZ-RG")
    ProductFactory(name="Yamaha F310", brand="Yamaha", category=gitar)
    ProductFactory(name="Boss DS-1", brand="Boss", category=CategoryFactory(name="Efek", slug="efek"))

    by_category = staff_client.get(reverse(CHANGELIST), {"category": gitar.pk})
    by_brand = staff_client.get(reverse(CHANGELIST), {"brand": "Boss"})
    by_sku = staff_client.get(reverse(CHANGELIST), {"q": "IBZ-RG"})

    assert results(by_category) == ["Ibanez RG", "Yamaha F310"]
    assert results(by_brand) == ["Boss DS-1"]
    assert results(by_sku) == ["Ibanez RG"]
    assert "— Elektrik" in by_category.content.decode()


def test_a_category_cannot_move_under_its_own_descendant(staff_client):
    gitar = CategoryFactory(name="Gitar", slug="gitar")
    elektrik = CategoryFactory(name="Elektrik", slug="elektrik", parent=gitar)
    url = reverse("admin:catalog_category_change", args=[gitar.pk])
    data = {
        "name": "Gitar",
        "slug": "gitar",
        "parent": elektrik.pk,
        "description": "",
        "is_active": "on",
        "sort_order": 0,
    }

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "sub-categor" in str(response.context["adminform"].form.errors["parent"])
    gitar.refresh_from_db()
    assert gitar.parent is None


def test_the_category_list_shows_the_tree_depth_first(staff_client):
    efek = CategoryFactory(name="Efek", slug="efek", sort_order=2)
    gitar = CategoryFactory(name="Gitar", slug="gitar", sort_order=1)
    CategoryFactory(name="Distorsi", slug="distorsi", parent=efek)
    akustik = CategoryFactory(name="Akustik", slug="akustik", parent=gitar, sort_order=2)
    CategoryFactory(name="Elektrik", slug="elektrik", parent=gitar, sort_order=1)
    CategoryFactory(name="Nilon", slug="nilon", parent=akustik)

    response = staff_client.get(reverse("admin:catalog_category_changelist"))

    assert [c.name for c in response.context["cl"].result_list] == [
        "Gitar", "Elektrik", "Akustik", "Nilon", "Efek", "Distorsi",
    ]  # fmt: skip


def test_a_category_image_is_re_encoded_for_the_web(staff_client):
    from catalog.tests.factories import image_bytes, upload

    data = {"name": "Drum", "slug": "drum", "parent": "", "description": "", "is_active": "on", "sort_order": 0}
    data["image"] = upload("drum.png", image_bytes("PNG", size=(2400, 1600)), "image/png")

    response = staff_client.post(reverse("admin:catalog_category_add"), data)

    assert response.status_code == 302
    category = Category.objects.get(slug="drum")
    assert category.image.name.startswith("categories/") and category.image.name.endswith(".webp")
    assert category.image.width == 800


def test_deleting_a_product_with_images_from_the_admin(staff_client, django_capture_on_commit_callbacks):
    from PIL import Image

    from catalog.services import product_image_add

    product = ProductFactory()
    image = product_image_add(product=product, image=Image.new("RGB", (100, 100)))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:catalog_product_delete", args=[product.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(image.display.name)
