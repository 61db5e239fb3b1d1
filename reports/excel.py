"""The sales report as an Excel workbook (openpyxl, write-only so a year of orders streams).

Sheets: Summary, Orders, Lines, Products. Real numbers and dates with formats, frozen header rows,
autofilter, and a totals row of SUM formulas under each list.
"""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.selectors import store_zone

RUPIAH = '"Rp" #,##0'
INTEGER = "#,##0"
PERCENT = "0.0%"
DATETIME = "yyyy-mm-dd hh:mm"
DATE = "yyyy-mm-dd"


class _Sheet:
    """A write-only sheet with a styled, frozen, filtered header and typed cells."""

    def __init__(self, workbook, title, headers, formats, widths=None):
        self.ws = workbook.create_sheet(title)
        self.formats = formats
        self.ws.freeze_panes = "A2"
        for index, width in enumerate(widths or [], start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor="1A1A1A")
        self.columns = len(headers)
        row = []
        for header in headers:
            cell = WriteOnlyCell(self.ws, value=header)
            cell.font, cell.fill = self.header_font, self.header_fill
            row.append(cell)
        self.ws.append(row)
        self.rows = 1

    def append(self, values):
        row = []
        for value, number_format in zip(values, self.formats, strict=False):
            cell = WriteOnlyCell(self.ws, value=value)
            if number_format:
                cell.number_format = number_format
            row.append(cell)
        self.ws.append(row)
        self.rows += 1

    def totals(self, label, sum_columns):
        """A last row: label, then =SUM(...) under each column index in sum_columns (0-based)."""
        last_letter = get_column_letter(self.columns)
        self.ws.auto_filter.ref = f"A1:{last_letter}{max(self.rows, 2)}"
        values = [label] + [None] * (self.columns - 1)
        for index in sum_columns:
            letter = get_column_letter(index + 1)
            values[index] = f"=SUM({letter}2:{letter}{max(self.rows, 2)})"
        cells = []
        for value, number_format in zip(values, self.formats, strict=False):
            cell = WriteOnlyCell(self.ws, value=value)
            cell.font = Font(bold=True)
            if number_format:
                cell.number_format = number_format
            cells.append(cell)
        self.ws.append(cells)


def _local(moment):
    return timezone.localtime(moment, store_zone()).replace(tzinfo=None) if moment else None


def sales_report_xlsx(*, period, data: dict, orders, lines, progress=lambda percent: None) -> bytes:
    """`orders` and `lines` are value-list querysets (streamed); `data` the aggregates."""
    workbook = Workbook(write_only=True)
    summary = data["summary"]
    sheet = _Sheet(workbook, _("Summary"), [_("Figure"), _("Value")], [None, None], widths=[28, 20])
    sheet.append([_("From"), period.date_from])
    sheet.append([_("To"), period.date_to])
    for label, key, number_format in (
        (_("Orders"), "orders", INTEGER),
        (_("Units sold"), "units", INTEGER),
        (_("Revenue"), "revenue", RUPIAH),
        (_("Goods"), "goods", RUPIAH),
        (_("Shipping"), "shipping", RUPIAH),
        (_("Discounts"), "discounts", RUPIAH),
        (_("Refunds"), "refunds", RUPIAH),
        (_("Average order value"), "average_order", RUPIAH),
    ):
        sheet.formats = [None, number_format]
        sheet.append([label, summary[key]])
    progress(20)

    has_discount = data["has_discount"]
    headers = [_("Order"), _("Paid"), _("Status"), _("Payment method"), _("Courier"), _("Goods"), _("Shipping")]
    formats = [None, DATETIME, None, None, None, RUPIAH, RUPIAH]
    if has_discount:
        headers.append(_("Discount"))
        formats.append(RUPIAH)
    headers += [_("Total"), _("Customer e-mail")]
    formats += [RUPIAH, None]
    sheet = _Sheet(workbook, _("Orders"), headers, formats, widths=[18, 17, 12, 16, 12, 15, 13, 15, 15, 30])
    for row in orders.iterator(chunk_size=2000):
        row = list(row)
        row[1] = _local(row[1])
        sheet.append(row)
    money_columns = [5, 6, 7, 8] if has_discount else [5, 6, 7]
    sheet.totals(_("Total"), money_columns)
    progress(50)

    sheet = _Sheet(
        workbook,
        _("Lines"),
        [_("Order"), _("Paid"), _("SKU"), _("Product"), _("Quantity"), _("Unit price"), _("Line total")],
        [None, DATETIME, None, None, INTEGER, RUPIAH, RUPIAH],
        widths=[18, 17, 14, 40, 10, 15, 15],
    )
    for row in lines.iterator(chunk_size=4000):
        row = list(row)
        row[1] = _local(row[1])
        sheet.append(row)
    sheet.totals(_("Total"), [4, 6])
    progress(75)

    sheet = _Sheet(
        workbook,
        _("Products"),
        [
            _("SKU"),
            _("Product"),
            _("Brand"),
            _("Category"),
            _("Units"),
            _("Revenue"),
            _("Cost"),
            _("Margin"),
            _("Margin %"),
            _("Share of revenue"),
            _("Stock"),
            _("Last sold"),
        ],
        [None, None, None, None, INTEGER, RUPIAH, RUPIAH, RUPIAH, PERCENT, PERCENT, INTEGER, DATE],
        widths=[14, 40, 14, 18, 9, 15, 15, 15, 10, 10, 8, 12],
    )
    total_revenue = summary["goods"] or 1
    for row in data["performance"]:
        cost = int(row["cost"]) if row["product__average_cost"] else None
        margin = row["revenue"] - cost if cost is not None else None
        sheet.append(
            [
                row["sku"],
                row["product__name"],
                row["product__brand"],
                row["product__category__name"],
                row["units"],
                row["revenue"],
                cost,
                margin,
                (margin / row["revenue"]) if margin is not None and row["revenue"] else None,
                row["revenue"] / total_revenue,
                row["product__stock_quantity"],
                _local(row["last_sold"]).date() if row["last_sold"] else None,
            ]
        )
    sheet.totals(_("Total"), [4, 5, 6, 7])
    progress(95)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
