"""The invoice of a paid order as a PDF (ReportLab), from the order's snapshot.

Lines, shipping and totals come from the order as placed; the letterhead (name, address, NPWP,
licence) from today's store profile, since that is who issues the document.
"""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from hurtrock.pdf import pdf_letterhead, pdf_styles, pdf_text
from hurtrock.selectors import store_profile_get
from hurtrock.templatetags.rupiah import format_rupiah
from orders.models import Order, OrderStatus

# Statuses in which an order has been paid and not given back: an invoice is on offer.
INVOICE_STATUSES = frozenset({OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED})


def order_has_invoice(order: Order) -> bool:
    return order.status in INVOICE_STATUSES and order.paid_at is not None


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y, H:i") if value else "—"


def order_invoice_pdf(*, order: Order) -> bytes:
    styles = pdf_styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Invoice %(number)s") % {"number": order.number},
    )
    story = pdf_letterhead(store_profile_get(), styles=styles)
    story.append(Paragraph(pdf_text(_("Invoice %(number)s") % {"number": order.number}), styles["heading"]))
    facts = [
        (_("Order date"), _date(order.created_at)),
        (_("Paid on"), _date(order.paid_at)),
        (_("Payment method"), order.get_payment_method_display()),
        (_("Billed to"), "\n".join([order.recipient_name, order.email, *order.address_lines])),
    ]
    fact_rows = [[Paragraph(pdf_text(k), styles["body"]), Paragraph(pdf_text(v), styles["body"])] for k, v in facts]
    story += [Table(fact_rows, colWidths=[40 * mm, None], hAlign="LEFT"), Spacer(1, 4 * mm)]

    header = [_("Product"), _("Price"), _("Qty"), _("Total")]
    rows = [[Paragraph(pdf_text(h), styles["body"]) for h in header]]
    for line in order.lines.all():
        rows.append(
            [
                Paragraph(pdf_text(f"{line.product_name}\n{line.sku}"), styles["body"]),
                Paragraph(pdf_text(format_rupiah(line.unit_price)), styles["right"]),
                Paragraph(pdf_text(line.quantity), styles["right"]),
                Paragraph(pdf_text(format_rupiah(line.line_total)), styles["right"]),
            ]
        )
    shipping = _("Shipping (%(courier)s %(service)s, %(kg)s kg)") % {
        "courier": order.shipping_courier,
        "service": order.shipping_service_name,
        "kg": order.shipping_weight_kg,
    }
    totals = [(_("Subtotal"), format_rupiah(order.subtotal)), (shipping, format_rupiah(order.shipping_cost))]
    if order.discount:
        voucher = _("Voucher %(code)s") % {"code": order.voucher_code}
        totals.append((voucher, "−" + format_rupiah(order.discount)))
    totals.append((_("Total"), format_rupiah(order.total)))
    for label, amount in totals:
        rows.append(
            [
                "",
                Paragraph(pdf_text(label), styles["right"]),
                "",
                Paragraph(pdf_text(amount), styles["right"]),
            ]
        )
    count, first_total = len(rows), len(rows) - len(totals)
    table = Table(rows, colWidths=[None, 38 * mm, 14 * mm, 34 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, first_total - 1), 0.3, colors.lightgrey),
                *[("SPAN", (1, row), (2, row)) for row in range(first_total, count)],
                ("LINEABOVE", (1, count - 1), (-1, count - 1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]
    story.append(
        Paragraph(pdf_text(_("Thank you for shopping at %(store)s.") % {"store": order.sender_name}), styles["small"])
    )
    document.build(story)
    return buffer.getvalue()
