"""Supplier prices (inventory.SupplierProduct): the one-preferred rule, restock default costs,
CSV/XLSX import-export through the real admin screens, and the product page's inline and filter."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalog.models import Product
from hurtrock.testing.factories import StaffFactory, UserFactory
from inventory.models import RestockOrderLine, SupplierProduct
from inventory.services import (
    restock_cost_suggestions,
    restock_order_create,
    restock_orders_create_for_products,
    supplier_price_save,
)
from inventory.tests.factories import ProductFactory, SupplierFactory, SupplierProductFactory, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


# --- the one-preferred rule ------------------------------------------------------------------------
def test_the_database_refuses_a_second_preferred_supplier_for_a_product():
    product = ProductFactory()
    SupplierProductFactory(product=product, is_preferred=True)
    SupplierProductFactory(product=product, is_preferred=False)  # any number of others

    with pytest.raises(IntegrityError), transaction.atomic():
        SupplierProduct.objects.create(supplier=SupplierFactory(), product=product, is_preferred=True)

    assert SupplierProduct.objects.filter(product=product, is_preferred=True).count() == 1


def test_the_same_supplier_cannot_price_a_product_twice():
    row = SupplierProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplierProduct.objects.create(supplier=row.supplier, product=row.product, cost_price=1)


def test_saving_a_preferred_row_moves_the_preference_in_one_step():
    product = ProductFactory()
    old = SupplierProductFactory(product=product, is_preferred=True)
    new = SupplierProductFactory(product=product, is_preferred=False)

    new.is_preferred = True
    supplier_price_save(supplier_product=new)

    old.refresh_from_db()
    assert not old.is_preferred
    assert SupplierProduct.objects.get(product=product, is_preferred=True) == new


def test_the_admin_form_reports_a_second_preferred_supplier_as_a_form_error(staff_client):
    product = ProductFactory()
    SupplierProductFactory(product=product, is_preferred=True)
    other = SupplierFactory()

    response = staff_client.post(
        reverse("admin:inventory_supplierproduct_add"),
        {"supplier": other.pk, "product": product.pk, "cost_price": "100", "lead_time_days": "", "is_preferred": "on"},
    )

    assert response.status_code == 200  # the form again, with the constraint's message
    errors = response.context["adminform"].form.non_field_errors().as_data()
    assert [error.message for error in errors] == [SupplierProduct._meta.constraints[1].violation_error_message]
    assert not SupplierProduct.objects.filter(supplier=other).exists()


def test_make_preferred_action(staff_client):
    product = ProductFactory()
    SupplierProductFactory(product=product, is_preferred=True)
    second = SupplierProductFactory(product=product)

    staff_client.post(
        reverse("admin:inventory_supplierproduct_changelist"),
        {"action": "make_preferred", "_selected_action": [second.pk]},
    )

    assert SupplierProduct.objects.get(product=product, is_preferred=True) == second


# --- restock default cost ----------------------------------------------------------------------------
def test_restock_lines_start_at_the_preferred_suppliers_cost():
    supplier = SupplierFactory()
    product = stocked_product(0, supplier=supplier, supplier__cost_price=1_750_000, low_stock_threshold=2)
    Product.objects.filter(pk=product.pk).update(average_cost=1_234_000)  # the fallback, not used
    restock_order_create(supplier=supplier, lines=[(product, 1, 1_600_000)]).delete()  # a last cost, not used

    orders, skipped = restock_orders_create_for_products(products=Product.objects.filter(pk=product.pk))

    assert not skipped and orders[0].supplier == supplier
    assert orders[0].lines.get().unit_cost == 1_750_000


def test_suggestions_prefer_the_ordering_suppliers_own_price_then_the_preferred_then_the_fallbacks():
    preferred, other = SupplierFactory(), SupplierFactory()
    both = ProductFactory()
    SupplierProductFactory(product=both, supplier=preferred, cost_price=1_000_000, is_preferred=True)
    SupplierProductFactory(product=both, supplier=other, cost_price=950_000)
    unpriced = ProductFactory()  # a supplier row at Rp 0 is "not known": the average cost is used
    SupplierProductFactory(product=unpriced, supplier=preferred, cost_price=0, is_preferred=True)
    Product.objects.filter(pk=unpriced.pk).update(average_cost=500_000)
    nothing = ProductFactory()
    ids = [both.pk, unpriced.pk, nothing.pk]

    assert restock_cost_suggestions(product_ids=ids) == {both.pk: 1_000_000, unpriced.pk: 500_000}
    assert restock_cost_suggestions(product_ids=ids, supplier_id=other.pk)[both.pk] == 950_000


def test_admin_line_left_at_zero_gets_this_suppliers_price(staff_client):
    supplier = SupplierFactory()
    product = ProductFactory()
    SupplierProductFactory(product=product, supplier=supplier, cost_price=880_000)
    Product.objects.filter(pk=product.pk).update(average_cost=640_000)

    response = staff_client.post(
        reverse("admin:inventory_restockorder_add"),
        {
            "supplier": supplier.pk,
            "expected_date": "",
            "notes": "",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "0",
            "lines-MAX_NUM_FORMS": "1000",
            "lines-0-product": product.pk,
            "lines-0-quantity_ordered": "3",
            "lines-0-unit_cost": "0",
            "receipts-TOTAL_FORMS": "0",
            "receipts-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert RestockOrderLine.objects.get(product=product).unit_cost == 880_000


def test_low_stock_skips_a_product_without_a_preferred_supplier():
    priced_elsewhere = stocked_product(0, low_stock_threshold=2)
    SupplierProductFactory(product=priced_elsewhere, is_preferred=False)

    orders, skipped = restock_orders_create_for_products(products=Product.objects.filter(pk=priced_elsewhere.pk))

    assert orders == [] and skipped == [priced_elsewhere]


# --- import / export ------------------------------------------------------------------------------
def _format_index(form, name):
    return next(value for value, label in form.fields["format"].choices if str(label).lower() == name)


def _import(client, content: bytes, filename: str, fmt: str):
    url = reverse("admin:inventory_supplierproduct_import")
    form = client.get(url).context["form"]
    preview = client.post(
        url,
        {
            "format": _format_index(form, fmt),
            "resource": form["resource"].value() or 0,
            "import_file": SimpleUploadedFile(filename, content),
        },
    )
    return preview


def _confirm(client, preview):
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    return client.post(reverse("admin:inventory_supplierproduct_process_import"), data)


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_csv_of_supplier_prices_creates_updates_and_moves_the_preference(staff_client):
    yamaha, roland = SupplierFactory(name="Yamaha Music"), SupplierFactory(name="Roland Indonesia")
    piano = ProductFactory(sku="KB-1")
    drum = ProductFactory(sku="DR-1")
    existing = SupplierProductFactory(supplier=yamaha, product=piano, cost_price=9_000_000, is_preferred=True)
    content = _csv(
        [
            {"supplier": "Yamaha Music", "product_sku": "KB-1", "supplier_sku": "Y-P45",
             "cost_price": "8.500.000", "lead_time_days": "14", "is_preferred": "0"},
            {"supplier": "Roland Indonesia", "product_sku": "KB-1", "supplier_sku": "R-FP10",
             "cost_price": "Rp 8.200.000", "lead_time_days": "21", "is_preferred": "1"},
            {"supplier": "Roland Indonesia", "product_sku": "DR-1", "supplier_sku": "",
             "cost_price": "4100000", "lead_time_days": "", "is_preferred": "1"},
        ]
    )  # fmt: skip

    preview = _import(staff_client, content, "prices.csv", "csv")
    assert preview.status_code == 200 and preview.context["confirm_form"] is not None
    assert SupplierProduct.objects.count() == 1  # nothing saved before the confirmation
    done = _confirm(staff_client, preview)

    assert done.status_code == 302
    existing.refresh_from_db()
    assert (existing.cost_price, existing.supplier_sku, existing.lead_time_days, existing.is_preferred) == (
        8_500_000, "Y-P45", 14, False,
    )  # fmt: skip
    assert SupplierProduct.objects.get(product=piano, is_preferred=True).supplier == roland
    new = SupplierProduct.objects.get(product=drum)
    assert (new.supplier, new.cost_price, new.lead_time_days, new.is_preferred) == (roland, 4_100_000, None, True)
    assert SupplierProduct.objects.count() == 3


@pytest.mark.parametrize(
    ("column", "value"),
    [("supplier", "Nobody Ltd"), ("product_sku", "NO-SUCH"), ("cost_price", "12,5"), ("cost_price", "-1")],
)
def test_a_bad_row_is_reported_in_the_preview_and_nothing_is_saved(staff_client, column, value):
    SupplierFactory(name="Yamaha Music")
    ProductFactory(sku="KB-1")
    row = {"supplier": "Yamaha Music", "product_sku": "KB-1", "supplier_sku": "", "cost_price": "100",
           "lead_time_days": "", "is_preferred": "1"}  # fmt: skip
    row[column] = value

    preview = _import(staff_client, _csv([row]), "prices.csv", "csv")

    assert preview.status_code == 200
    assert preview.context.get("confirm_form") is None
    assert not SupplierProduct.objects.exists()


def test_xlsx_export_then_import_round_trip(staff_client):
    row = SupplierProductFactory(supplier=SupplierFactory(name="=HYPERLINK Pemasok"), cost_price=2_049_000)
    url = reverse("admin:inventory_supplierproduct_export")
    form = staff_client.get(url).context["form"]
    data = {"format": _format_index(form, "xlsx"), "resource": form["resource"].value() or 0}
    data.update({name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)})
    exported = staff_client.post(url, data)
    assert exported.status_code == 200

    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    header, values = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    record = dict(zip(header, values, strict=True))
    assert record["supplier"] == "'=HYPERLINK Pemasok"  # formula escaped
    assert record["cost_price"] == 2_049_000 and record["product_sku"] == row.product.sku

    SupplierProduct.objects.filter(pk=row.pk).update(cost_price=1)
    _confirm(staff_client, _import(staff_client, exported.content, "prices.xlsx", "xlsx"))
    row.refresh_from_db()
    assert row.cost_price == 2_049_000 and SupplierProduct.objects.count() == 1


def test_only_csv_and_xlsx_are_offered(staff_client):
    form = staff_client.get(reverse("admin:inventory_supplierproduct_import")).context["form"]
    assert sorted(str(label).lower() for _value, label in form.fields["format"].choices if _value != "") == [
        "csv",
        "xlsx",
    ]


def test_buyers_cannot_import_or_export_supplier_prices(client):
    client.force_login(UserFactory())
    for name in ("import", "export", "changelist"):
        response = client.get(reverse(f"admin:inventory_supplierproduct_{name}"))
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- the product page, the lists -------------------------------------------------------------------
def test_the_product_page_shows_supplier_prices_and_the_list_filters_by_supplier(staff_client):
    yamaha = SupplierFactory(name="Yamaha Music")
    piano = ProductFactory(name="Yamaha P-45")
    ProductFactory(name="Roland FP-10")
    SupplierProductFactory(supplier=yamaha, product=piano, supplier_sku="Y-P45-XYZ", is_preferred=True)

    page = staff_client.get(reverse("admin:catalog_product_change", args=[piano.pk])).content.decode()
    assert "Y-P45-XYZ" in page

    listed = staff_client.get(reverse("admin:catalog_product_changelist"), {"supplier": yamaha.pk})
    assert [p.name for p in listed.context["cl"].result_list] == ["Yamaha P-45"]


def test_supplier_price_list_query_count_is_flat(staff_client, django_assert_max_num_queries):
    for _ in range(3):
        SupplierProductFactory()
    url = reverse("admin:inventory_supplierproduct_changelist")
    staff_client.get(url)
    with django_assert_max_num_queries(12):
        first = staff_client.get(url)
    for _ in range(10):
        SupplierProductFactory()
    with django_assert_max_num_queries(12):
        second = staff_client.get(url)
    assert first.status_code == second.status_code == 200
    assert len(second.context["cl"].result_list) == 13
