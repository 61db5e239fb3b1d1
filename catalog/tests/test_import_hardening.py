"""Issue #16: the product import refuses what it cannot handle with a clear message, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse

from catalog.models import Product
from catalog.tests.factories import CategoryFactory
from catalog.tests.test_import_export import admin_import_confirm, admin_import_preview, rows_to_csv

pytestmark = pytest.mark.django_db


def product_rows(count: int) -> list[dict]:
    category = CategoryFactory(name="Efek", slug="efek")
    return [
        {"sku": f"IMP-{n}", "name": f"Pedal {n}", "brand": "Boss", "category": category.slug, "price": "100000"}
        for n in range(count)
    ]


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_only_csv_and_xlsx_are_offered(staff_client):
    for name in ("import", "export"):
        form = staff_client.get(reverse(f"admin:catalog_product_{name}")).context["form"]
        assert [str(label).lower() for _, label in form.fields["format"].choices if _ != ""] == ["csv", "xlsx"]


def test_an_html_format_index_is_a_form_error_not_a_500(staff_client):
    url = reverse("admin:catalog_product_import")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(
        url, {"format": "7", "resource": 0, "import_file": SimpleUploadedFile("a.html", b"<table>")}
    )

    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("name", ["0123456789abcdef0123456789abcdef", "../../etc/passwd", "abc"])
def test_a_stale_or_altered_file_name_restarts_the_import_with_a_message(staff_client, name):
    preview = admin_import_preview(staff_client, rows_to_csv(product_rows(2)), "p.csv", "csv")
    confirm = preview.context["confirm_form"]
    data = {field: confirm[field].value() for field in confirm.fields}
    data["import_file_name"] = name

    response = staff_client.post(reverse("admin:catalog_product_process_import"), data)

    assert response.status_code == 302 and response["Location"] == reverse("admin:catalog_product_import")
    assert message_texts(response)
    assert not Product.objects.exists()


def test_an_expired_file_restarts_the_import(staff_client):
    preview = admin_import_preview(staff_client, rows_to_csv(product_rows(2)), "p.csv", "csv")
    cache.clear()  # the hour is up, or the cache was restarted

    response = admin_import_confirm(staff_client, preview)

    assert response.status_code == 302 and not Product.objects.exists()


def test_an_altered_format_restarts_the_import(staff_client):
    preview = admin_import_preview(staff_client, rows_to_csv(product_rows(2)), "p.csv", "csv")
    confirm = preview.context["confirm_form"]
    data = {field: confirm[field].value() for field in confirm.fields}
    data["format"] = "9"

    response = staff_client.post(reverse("admin:catalog_product_process_import"), data)

    assert response.status_code == 302 and not Product.objects.exists()


def test_the_file_waits_in_the_shared_cache_not_a_process_folder(staff_client):
    preview = admin_import_preview(staff_client, rows_to_csv(product_rows(2)), "p.csv", "csv")
    name = preview.context["confirm_form"]["import_file_name"].value()

    assert cache.get("django-import-export-" + name)
    assert admin_import_confirm(staff_client, preview).status_code == 302
    assert Product.objects.count() == 2


def test_too_many_rows_is_refused_with_a_clear_error(staff_client, settings):
    settings.IMPORT_MAX_ROWS = 10

    preview = admin_import_preview(staff_client, rows_to_csv(product_rows(11)), "p.csv", "csv")

    errors = preview.context["form"].errors.as_data()["__all__"]
    assert [error.code for error in errors] == ["import_too_many_rows"]
    assert not Product.objects.exists()


def test_a_large_import_runs_as_a_task_with_a_progress_page(staff_client, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_SYNC_MAX_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_import_preview(staff_client, rows_to_csv(product_rows(8)), "p.csv", "csv")

    assert response.status_code == 302 and "/import/progress/" in response["Location"]
    assert Product.objects.count() == 8  # the immediate backend ran the task
    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["job"]["state"] == "done" and page.context["job"]["totals"]["new"] == 8


def test_a_large_import_with_a_bad_row_imports_nothing_and_lists_the_row(
    staff_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_SYNC_MAX_ROWS = 5
    rows = product_rows(8)
    rows[6]["price"] = "12,5 juta"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_import_preview(staff_client, rows_to_csv(rows), "p.csv", "csv")

    job = staff_client.get(response["Location"]).context["job"]
    assert job["state"] == "failed" and job["errors"]
    assert not Product.objects.exists()


def test_someone_elses_progress_page_is_not_shown(staff_client, client, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_SYNC_MAX_ROWS = 5
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_import_preview(staff_client, rows_to_csv(product_rows(8)), "p.csv", "csv")
    from hurtrock.testing.factories import StaffFactory

    client.force_login(StaffFactory())
    assert client.get(response["Location"]).status_code == 302


def test_an_export_with_filters_that_do_not_fit_is_a_400(staff_client):
    url = reverse("admin:catalog_product_export")

    assert staff_client.get(url + "?page=abc").status_code == 400
    assert staff_client.get(url + "?is_active__exact=1").status_code == 200
