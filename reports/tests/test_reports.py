"""Sales reports: figures by Jakarta day, the PDF's text, the workbook's sums, permissions, the task."""

from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from catalog.models import Product
from hurtrock.roles import STAFF_GROUP_NAME
from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from inventory.tests.factories import stocked_product
from orders.models import Order
from orders.services import order_mark_paid
from orders.tests.factories import order_for
from reports import selectors
from reports.models import ReportStatus, SalesReport
from reports.selectors import Period
from reports.services import sales_report_request

pytestmark = pytest.mark.django_db
ADD = reverse("admin:reports_salesreport_add")


def _paid(items, at):
    order = order_for(items=items)
    order_mark_paid(order=order)
    Order.objects.filter(pk=order.pk).update(paid_at=at)
    return Order.objects.get(pk=order.pk)


@pytest.fixture
def sales():
    """Two orders either side of midnight in Jakarta (UTC+7), one the day before, one unpaid."""
    guitar = stocked_product(10, name="Fender Player Stratocaster", sku="FEN-STRAT", price=12_500_000)
    pedal = stocked_product(10, name="Boss DS-1 Distortion", sku="BOSS-DS1", price=950_000)
    Product.objects.filter(pk=guitar.pk).update(average_cost=10_000_000)
    late = _paid([(guitar, 1)], datetime(2026, 3, 1, 16, 59, tzinfo=UTC))  # 23:59 on 1 March in Jakarta
    early = _paid([(pedal, 2)], datetime(2026, 3, 1, 17, 0, tzinfo=UTC))  # 00:00 on 2 March in Jakarta
    before = _paid([(pedal, 1)], datetime(2026, 2, 28, 3, 0, tzinfo=UTC))
    order_for(items=[(guitar, 1)])  # pending: never counts
    return {"late": late, "early": early, "before": before}


def test_figures_follow_the_jakarta_day_boundary(sales):
    late, early = sales["late"], sales["early"]

    second = selectors.sales_summary(Period(date(2026, 3, 2), date(2026, 3, 2)))
    both = selectors.sales_summary(Period(date(2026, 3, 1), date(2026, 3, 2)))
    by_day = selectors.sales_by_period(Period(date(2026, 3, 1), date(2026, 3, 2)), "day")

    assert second["orders"] == 1 and second["units"] == 2 and second["revenue"] == early.total
    assert second["shipping"] == early.shipping_cost and second["goods"] == 2 * 950_000
    assert both["orders"] == 2 and both["units"] == 3 and both["revenue"] == late.total + early.total
    assert both["average_order"] == (late.total + early.total + 1) // 2
    assert [(row["start"], row["orders"], row["revenue"]) for row in by_day] == [
        (date(2026, 3, 1), 1, late.total),
        (date(2026, 3, 2), 1, early.total),
    ]
    monthly = selectors.sales_by_period(Period(date(2026, 2, 1), date(2026, 3, 31)), "month")
    assert [(row["start"], row["orders"]) for row in monthly] == [(date(2026, 2, 1), 1), (date(2026, 3, 1), 2)]


def test_the_pdf_shows_the_totals(sales):
    report = sales_report_request(
        user=AdminFactory(), date_from=date(2026, 3, 1), date_to=date(2026, 3, 2), grouping="day", file_format="pdf"
    )

    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(bytes(report.content))).pages)
    revenue = sales["late"].total + sales["early"].total
    assert report.status == ReportStatus.DONE and report.filename == "sales-20260301-20260302.pdf"
    assert f"Rp {revenue:,}".replace(",", ".") in text
    assert "Fender Player Stratocaster" in text and "BOSS-DS1" in text
    assert "Hurtrock" in text and ("Page 1" in text or "Halaman 1" in text)


def test_the_workbook_reopens_with_matching_sums_and_formulas(sales):
    report = sales_report_request(
        user=AdminFactory(), date_from=date(2026, 3, 1), date_to=date(2026, 3, 2), grouping="day", file_format="xlsx"
    )

    book = load_workbook(BytesIO(bytes(report.content)))
    orders = list(book.worksheets[1].iter_rows(values_only=True))
    lines = list(book.worksheets[2].iter_rows(values_only=True))
    products = list(book.worksheets[3].iter_rows(values_only=True))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    header, body, totals = orders[0], orders[1:-1], orders[-1]
    total_column = len(header) - 2  # … Total, Customer e-mail

    revenue = sales["late"].total + sales["early"].total
    assert sorted(row[0] for row in body) == sorted([sales["late"].number, sales["early"].number])
    assert sum(row[total_column] for row in body) == revenue
    assert revenue in summary.values()
    assert str(totals[total_column]).startswith("=SUM(")
    assert book.worksheets[1].freeze_panes == "A2" and book.worksheets[1].auto_filter.ref
    assert sum(row[4] for row in lines[1:-1]) == 3
    assert isinstance(body[0][1], datetime)
    guitar = next(row for row in products[1:-1] if row[0] == "FEN-STRAT")
    assert guitar[4] == 1 and guitar[5] == 12_500_000 and guitar[6] == 10_000_000 and guitar[7] == 2_500_000
    assert guitar[8] == pytest.approx(0.2)


def test_a_long_range_is_queued_as_a_task_and_finishes(sales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = sales_report_request(
            user=AdminFactory(),
            date_from=date(2026, 1, 1),
            date_to=date(2026, 12, 31),
            grouping="month",
            file_format="xlsx",
        )

    assert report.status == ReportStatus.QUEUED  # answered before generating
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100 and report.seconds is not None


def test_the_admin_form_preset_and_download(client, sales):
    client.force_login(StaffFactory())

    form = client.get(ADD)
    response = client.post(
        ADD,
        {
            "preset": "custom",
            "date_from": "2026-03-01",
            "date_to": "2026-03-02",
            "grouping": "day",
            "file_format": "pdf",
        },
    )
    report = SalesReport.objects.get()
    listing = client.get(reverse("admin:reports_salesreport_changelist"))
    download = client.get(reverse("admin:reports_salesreport_download", args=[report.pk]))

    assert form.status_code == 200 and response.status_code == 302
    assert "data-download" in listing.content.decode()
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")


def test_a_bad_range_is_refused_with_a_message(client):
    client.force_login(StaffFactory())

    response = client.post(
        ADD,
        {
            "preset": "custom",
            "date_from": "2026-03-05",
            "date_to": "2026-03-01",
            "grouping": "day",
            "file_format": "pdf",
        },
    )

    assert response.status_code == 200 and not SalesReport.objects.exists()
    assert response.context["form"].errors


@pytest.mark.parametrize("who", ["buyer", "staff_without_permission"])
def test_reports_are_refused_without_the_permission(client, sales, who):
    report = sales_report_request(
        user=AdminFactory(), date_from=date(2026, 3, 1), date_to=date(2026, 3, 2), grouping="day", file_format="pdf"
    )
    if who == "buyer":
        client.force_login(UserFactory())
    else:
        staff = StaffFactory()
        staff.groups.remove(Group.objects.get(name=STAFF_GROUP_NAME))
        client.force_login(staff)

    download = client.get(reverse("admin:reports_salesreport_download", args=[report.pk]))
    add = client.post(ADD, {"preset": "today", "grouping": "day", "file_format": "pdf"})

    expected = 302 if who == "buyer" else 403
    assert download.status_code == expected and add.status_code == expected
    assert SalesReport.objects.count() == 1
    assert b"%PDF" not in download.content


def test_report_data_has_a_fixed_query_budget(sales, django_assert_max_num_queries):
    from reports.services import report_data

    with django_assert_max_num_queries(10):
        report_data(period=Period(date(2026, 1, 1), date(2026, 12, 31)), grouping="week")


def test_the_report_list_has_a_fixed_query_budget(client, sales, django_assert_max_num_queries):
    client.force_login(AdminFactory())
    for _ in range(3):
        sales_report_request(
            user=None, date_from=date(2026, 3, 1), date_to=date(2026, 3, 2), grouping="day", file_format="pdf"
        )
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("admin:reports_salesreport_changelist"))
    for _ in range(5):
        sales_report_request(
            user=None, date_from=date(2026, 3, 1), date_to=date(2026, 3, 2), grouping="day", file_format="pdf"
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("admin:reports_salesreport_changelist"))
    assert response.status_code == 200
