"""CSV/XLSX export and import through the real admin screens (dry-run preview, then confirm)."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Product
from catalog.resources import ProductResource
from catalog.tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _format_index(form, name):
    return next(value for value, label in form.fields["format"].choices if str(label).lower() == name)


def admin_export(client, fmt: str) -> bytes:
    url = reverse("admin:catalog_product_export")
    form = client.get(url).context["form"]
    data = {"format": _format_index(form, fmt), "resource": form["resource"].value() or 0}
    data.update({name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)})
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def admin_import_preview(client, content: bytes, filename: str, fmt: str):
    url = reverse("admin:catalog_product_import")
    form = client.get(url).context["form"]
    data = {
        "format": _format_index(form, fmt),
        "resource": form["resource"].value() or 0,
        "import_file": SimpleUploadedFile(filename, content),
    }
    return client.post(url, data)


def admin_import_confirm(client, preview):
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    return client.post(reverse("admin:catalog_product_process_import"), data)


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def rows_to_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def products():
    category = CategoryFactory(name="Efek", slug="efek")
    return [
        ProductFactory(sku="FX-1", name="Boss DS-1", brand="Boss", price=900_000, stock_quantity=4, category=category),
        ProductFactory(
            sku="FX-2", name="MXR Phase 90", brand="MXR", price=1_500_000, stock_quantity=0, category=category
        ),
    ]


def test_csv_round_trip_updates_prices_without_duplicates_or_stock_changes(staff_client, products):
    rows = csv_rows(admin_export(staff_client, "csv"))
    for row in rows:
        row["price"] = str(int(row["price"]) + 100_000)
        row["stock (export only)"] = "999"

    preview = admin_import_preview(staff_client, rows_to_csv(rows), "products.csv", "csv")

    assert preview.status_code == 200
    assert not preview.context["result"].has_errors() and not preview.context["result"].has_validation_errors()
    assert Product.objects.get(sku="FX-1").price == 900_000, "the preview is a dry run"
    assert "ignored on import" in staff_client.get(reverse("admin:catalog_product_import")).content.decode()

    done = admin_import_confirm(staff_client, preview)

    assert done.status_code == 302
    assert Product.objects.count() == 2
    assert dict(Product.objects.values_list("sku", "price")) == {"FX-1": 1_000_000, "FX-2": 1_600_000}
    assert dict(Product.objects.values_list("sku", "stock_quantity")) == {"FX-1": 4, "FX-2": 0}


def test_xlsx_round_trip(staff_client, products):
    book = openpyxl.load_workbook(io.BytesIO(admin_export(staff_client, "xlsx")))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    price_column = headers.index("price") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=price_column).value = 2_000_000
    buffer = io.BytesIO()
    book.save(buffer)

    preview = admin_import_preview(staff_client, buffer.getvalue(), "products.xlsx", "xlsx")
    admin_import_confirm(staff_client, preview)

    assert set(Product.objects.values_list("price", flat=True)) == {2_000_000}
    assert Product.objects.count() == 2


def test_new_skus_are_created_with_zero_stock_and_grouped_prices_are_read(staff_client, products):
    rows = csv_rows(admin_export(staff_client, "csv"))
    new = dict(rows[0], sku="FX-3", name="Boss MT-2 Metal Zone", slug="", price="Rp 1.250.000")
    new["stock (export only)"] = "50"

    preview = admin_import_preview(staff_client, rows_to_csv([*rows, new]), "products.csv", "csv")
    admin_import_confirm(staff_client, preview)

    created = Product.objects.get(sku="FX-3")
    assert (created.price, created.stock_quantity, created.slug) == (1_250_000, 0, "boss-mt-2-metal-zone")
    assert Product.objects.count() == 3


@pytest.mark.parametrize("price", ["12,5", "-100", "1250000.50", "abc"])
def test_a_bad_price_is_reported_in_the_preview_and_nothing_is_saved(staff_client, products, price):
    rows = csv_rows(admin_export(staff_client, "csv"))
    rows[0]["price"] = price
    rows[1]["price"] = "5000000"

    preview = admin_import_preview(staff_client, rows_to_csv(rows), "products.csv", "csv")

    result = preview.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert dict(Product.objects.values_list("sku", "price")) == {"FX-1": 900_000, "FX-2": 1_500_000}


def test_unknown_category_is_a_validation_error(staff_client, products):
    rows = csv_rows(admin_export(staff_client, "csv"))
    rows[0]["category"] = "tidak-ada"

    preview = admin_import_preview(staff_client, rows_to_csv(rows), "products.csv", "csv")

    assert preview.context["result"].has_validation_errors()


def test_formula_cells_are_escaped_on_export_and_restored_on_import(staff_client):
    category = CategoryFactory(slug="aksesoris")
    ProductFactory(
        sku="ACC-1",
        name='=HYPERLINK("http://evil.example","klik")',
        brand="+Brand",
        description="@SUM(A1)",
        specifications=[["Catatan", "-1+1"]],
        category=category,
    )

    content = admin_export(staff_client, "csv")
    row = csv_rows(content)[0]

    assert row["name"].startswith("'=") and row["brand"] == "'+Brand" and row["description"] == "'@SUM(A1)"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@")), value

    dataset = ProductResource().export()
    assert all(not str(cell).startswith(("=", "+", "@")) for cell in dataset[0])

    preview = admin_import_preview(staff_client, content, "products.csv", "csv")
    admin_import_confirm(staff_client, preview)
    product = Product.objects.get(sku="ACC-1")
    assert product.name.startswith("=HYPERLINK") and product.brand == "+Brand" and product.description == "@SUM(A1)"


def test_buyers_cannot_import_or_export(client, products):
    from hurtrock.testing.factories import UserFactory

    client.force_login(UserFactory())

    assert client.get(reverse("admin:catalog_product_export")).status_code == 302
    assert client.get(reverse("admin:catalog_product_import")).status_code == 302


def test_staff_with_view_only_permission_cannot_import(client, products):
    from django.contrib.auth.models import Permission

    from hurtrock.testing.factories import StaffFactory

    staff = StaffFactory()
    staff.groups.clear()
    staff.user_permissions.add(Permission.objects.get(codename="view_product"))
    client.force_login(staff)

    assert client.get(reverse("admin:catalog_product_import")).status_code == 403
    assert client.get(reverse("admin:catalog_product_export")).status_code == 200
