"""The sales report as an A4 PDF (ReportLab platypus) on the store's letterhead."""

from functools import partial
from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from hurtrock.pdf import (
    FOOTER_HEIGHT,
    LETTERHEAD_HEIGHT,
    pdf_brand_color,
    pdf_number,
    pdf_page_letterhead,
    pdf_rupiah,
    pdf_styles,
    pdf_text,
)
from hurtrock.selectors import store_profile_get
from reports.models import Grouping


def _table(rows, widths, brand):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), brand),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F4F4F4")]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#CCCCCC")),
            ]
        )
    )
    return table


def _period_label(start, grouping) -> str:
    if grouping == Grouping.MONTH:
        return date_format(start, "F Y")
    if grouping == Grouping.WEEK:
        return _("Week of %(date)s") % {"date": date_format(start, "j M Y")}
    return date_format(start, "D j M Y")


def _chart(periods, brand) -> Drawing:
    drawing = Drawing(170 * mm, 55 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 18 * mm, 8 * mm, 148 * mm, 42 * mm
    chart.data = [[row["revenue"] / 1_000_000 for row in periods] or [0]]
    chart.bars[0].fillColor = brand
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda value: pdf_number(value, 1)
    chart.categoryAxis.categoryNames = [
        row["start"].strftime("%d/%m") if len(periods) > 12 else row["start"].strftime("%m/%y") for row in periods
    ] or [""]
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 45 if len(periods) > 12 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(periods) > 12 else "n"
    chart.valueAxis.labels.fontSize = 7
    drawing.add(chart)
    return drawing


def sales_report_pdf(*, period, grouping: str, data: dict, progress=lambda percent: None) -> bytes:
    """`data` comes from reports.services._report_data (summary, periods, top lists, splits)."""
    profile = store_profile_get()
    brand = pdf_brand_color(profile)
    styles = pdf_styles()
    summary = data["summary"]
    story = [
        Paragraph(pdf_text(_("Sales report")), styles["title"]),
        Paragraph(
            pdf_text(
                _("%(from)s to %(to)s (Asia/Jakarta), by %(grouping)s")
                % {
                    "from": date_format(period.date_from, "j F Y"),
                    "to": date_format(period.date_to, "j F Y"),
                    "grouping": Grouping(grouping).label.lower(),
                }
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(pdf_text(_("Summary")), styles["h2"]),
    ]
    summary_rows = [
        [_("Figure"), _("Value")],
        [_("Orders"), pdf_number(summary["orders"])],
        [_("Units sold"), pdf_number(summary["units"])],
        [_("Revenue"), pdf_rupiah(summary["revenue"])],
        [_("Goods"), pdf_rupiah(summary["goods"])],
        [_("Shipping"), pdf_rupiah(summary["shipping"])],
        [_("Discounts"), pdf_rupiah(summary["discounts"])],
        [_("Refunds"), pdf_rupiah(summary["refunds"])],
        [_("Average order value"), pdf_rupiah(summary["average_order"])],
    ]
    story += [_table(summary_rows, [90 * mm, 60 * mm], brand), Spacer(1, 4 * mm)]
    progress(40)
    story += [Paragraph(pdf_text(_("Revenue per period (million Rp)")), styles["h2"]), _chart(data["periods"], brand)]
    period_rows = [[_("Period"), _("Orders"), _("Shipping"), _("Revenue")]]
    period_rows += [
        [
            _period_label(row["start"], grouping),
            pdf_number(row["orders"]),
            pdf_rupiah(row["shipping"]),
            pdf_rupiah(row["revenue"]),
        ]
        for row in data["periods"]
    ]
    period_rows.append(
        [_("Total"), pdf_number(summary["orders"]), pdf_rupiah(summary["shipping"]), pdf_rupiah(summary["revenue"])]
    )
    story += [
        Paragraph(pdf_text(_("Per period")), styles["h2"]),
        _table(period_rows, [60 * mm, 25 * mm, 40 * mm, 45 * mm], brand),
    ]
    progress(60)

    product_rows = [[_("Product"), _("Units"), _("Revenue")]]
    product_rows += [
        [
            Paragraph(pdf_text(f"{row['sku']} · {row['product_name']}"), styles["small"]),
            pdf_number(row["units"]),
            pdf_rupiah(row["revenue"]),
        ]
        for row in data["top_products"]
    ]
    category_rows = [[_("Category"), _("Units"), _("Revenue")]]
    category_rows += [
        [pdf_text(row["product__category__name"] or "—"), pdf_number(row["units"]), pdf_rupiah(row["revenue"])]
        for row in data["top_categories"]
    ]
    story += [
        Paragraph(pdf_text(_("Top products")), styles["h2"]),
        _table(product_rows, [110 * mm, 20 * mm, 40 * mm], brand),
        Paragraph(pdf_text(_("Top categories")), styles["h2"]),
        _table(category_rows, [110 * mm, 20 * mm, 40 * mm], brand),
    ]
    for title, key, labels in (
        (_("Payment methods"), "payment_method", data["payment_labels"]),
        (_("Couriers"), "shipping_courier", {}),
    ):
        rows = [[title, _("Orders"), _("Revenue")]]
        rows += [
            [pdf_text(labels.get(row[key], row[key]) or "—"), pdf_number(row["orders"]), pdf_rupiah(row["revenue"])]
            for row in data[key]
        ]
        story += [Paragraph(pdf_text(title), styles["h2"]), _table(rows, [110 * mm, 20 * mm, 40 * mm], brand)]
    progress(80)

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=LETTERHEAD_HEIGHT,
        bottomMargin=FOOTER_HEIGHT + 4 * mm,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        title=_("Sales report"),
        author=profile.name,
    )
    draw = partial(pdf_page_letterhead, profile=profile)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)
    return buffer.getvalue()
