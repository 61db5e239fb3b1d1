"""The purchase-order PDF sent to a supplier, on the store's letterhead (ReportLab platypus)."""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from hurtrock.selectors import store_profile_get
from hurtrock.templatetags.rupiah import format_rupiah
from inventory.models import RestockOrder


def _text(value) -> str:
    """Paragraph markup is XML-like: escape what staff typed."""
    return str(value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def purchase_order_pdf(*, order: RestockOrder) -> bytes:
    """An A4 purchase order: letterhead, supplier, lines with unit cost and subtotal, total, notes."""
    store = store_profile_get()
    brand = colors.HexColor(store.primary_color or "#FF6B35")
    styles = getSampleStyleSheet()
    small = ParagraphStyle("small", parent=styles["Normal"], fontSize=8.5, leading=11)
    right = ParagraphStyle("right", parent=small, alignment=TA_RIGHT)
    heading = ParagraphStyle("store", parent=styles["Title"], alignment=0, textColor=brand, fontSize=20, spaceAfter=2)

    letterhead_lines = [
        store.address,
        " ".join(part for part in (store.city, store.postal_code) if part),
        " · ".join(part for part in (store.phone, store.email, store.website) if part),
    ]
    if store.tax_number:
        letterhead_lines.append(_("NPWP %(number)s") % {"number": store.tax_number})
    story = [
        Paragraph(_text(store.name), heading),
        Paragraph("<br/>".join(_text(line) for line in letterhead_lines if line), small),
        Spacer(1, 3 * mm),
        HRFlowable(width="100%", thickness=2, color=brand),
        Spacer(1, 5 * mm),
    ]

    supplier = order.supplier
    supplier_lines = [
        f"<b>{_text(supplier.company or supplier.name)}</b>",
        _text(supplier.contact_person and _("Attn. %(name)s") % {"name": supplier.contact_person}),
        _text(supplier.address),
        _text(" · ".join(part for part in (supplier.phone, supplier.email) if part)),
    ]
    meta = [
        f"<b>{_text(_('Purchase order'))} {_text(order.number)}</b>",
        _("Date: %(date)s") % {"date": date_format(timezone.localdate(order.created_at), "j F Y")},
        _("Expected: %(date)s") % {"date": date_format(order.expected_date, "j F Y")} if order.expected_date else "",
        _("Status: %(status)s") % {"status": order.get_status_display()},
    ]
    header = Table(
        [
            [
                Paragraph("<br/>".join(line for line in supplier_lines if line), small),
                Paragraph("<br/>".join(line for line in meta if line), right),
            ]
        ],
        colWidths=[95 * mm, 75 * mm],
    )
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    story += [Paragraph(pgettext("purchase order addressee", "To"), styles["Heading4"]), header, Spacer(1, 6 * mm)]

    rows = [[_("No."), _("SKU"), _("Product"), _("Qty"), _("Unit cost"), _("Subtotal")]]
    lines = list(order.lines.select_related("product"))
    for number, line in enumerate(lines, start=1):
        rows.append(
            [
                str(number),
                line.product.sku,
                Paragraph(_text(line.product.name), small),
                str(line.quantity_ordered),
                format_rupiah(line.unit_cost),
                format_rupiah(line.line_total),
            ]
        )
    total = sum(line.line_total for line in lines)
    rows.append(["", "", "", "", _("Total"), format_rupiah(total)])
    table = Table(rows, colWidths=[10 * mm, 28 * mm, 62 * mm, 14 * mm, 28 * mm, 30 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1A1A1A")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#F3F3F3")]),
                ("LINEABOVE", (0, -1), (-1, -1), 1, colors.HexColor("#1A1A1A")),
                ("FONTNAME", (4, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]
    if order.notes:
        story += [Paragraph(_("Notes"), styles["Heading4"]), Paragraph(_text(order.notes), small)]
    story += [
        Spacer(1, 14 * mm),
        Paragraph(_("Authorised by %(store)s") % {"store": _text(store.name)}, small),
    ]

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{store.name} {order.number}",
        author=store.name,
    )
    document.build(story)
    return buffer.getvalue()
