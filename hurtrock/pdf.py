"""Shared ReportLab helpers for the shop's PDFs (sales report, invoices): the store's letterhead
drawn on every page with the page number, one set of paragraph styles, safe text, Indonesian numbers.

    doc.build(story, onFirstPage=draw, onLaterPages=draw)   # draw = partial(pdf_letterhead, profile=...)
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm

from hurtrock.templatetags.rupiah import format_decimal, format_rupiah

LETTERHEAD_HEIGHT = 28 * mm  # leave this much top margin in the document template
FOOTER_HEIGHT = 12 * mm


def pdf_text(value) -> str:
    """Paragraph markup is XML-like: escape what people typed (names, addresses, notes)."""
    return str(value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def pdf_number(value, places: int = 0) -> str:
    """1234567 → "1.234.567"; with places: 12.5 → "12,5" (Indonesian notation)."""
    try:
        Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return format_decimal(value, places)


def pdf_rupiah(value) -> str:
    """1234567 → "Rp 1.234.567"."""
    return format_rupiah(value)


def pdf_brand_color(profile):
    return colors.HexColor(getattr(profile, "primary_color", "") or "#FF6B35")


def pdf_styles() -> dict[str, ParagraphStyle]:
    """The few styles the shop's documents use: title, h2, body, small, right (numbers), small right."""
    base = getSampleStyleSheet()
    body = ParagraphStyle("hr-body", parent=base["Normal"], fontSize=9.5, leading=12.5)
    small = ParagraphStyle("hr-small", parent=body, fontSize=8, leading=10)
    return {
        "title": ParagraphStyle("hr-title", parent=base["Title"], alignment=0, fontSize=16, spaceAfter=4),
        "h2": ParagraphStyle("hr-h2", parent=base["Heading2"], fontSize=12, spaceBefore=8, spaceAfter=4),
        "body": body,
        "small": small,
        "right": ParagraphStyle("hr-right", parent=body, alignment=TA_RIGHT),
        "small_right": ParagraphStyle("hr-small-right", parent=small, alignment=TA_RIGHT),
    }


def pdf_letterhead(canvas, doc, profile) -> None:
    """Page decoration: store name, address and contacts at the top, a brand rule, page number below.

    Use as `onFirstPage`/`onLaterPages` (bind `profile` with functools.partial). The document's top
    margin must be at least LETTERHEAD_HEIGHT and its bottom margin FOOTER_HEIGHT.
    """
    width, height = doc.pagesize
    left, right = doc.leftMargin, width - doc.rightMargin
    brand = pdf_brand_color(profile)
    canvas.saveState()
    top = height - 12 * mm
    canvas.setFillColor(brand)
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(left, top, profile.name or "Hurtrock Music Store")
    canvas.setFillColor(colors.black)
    canvas.setFont("Helvetica", 8)
    address = " ".join(part for part in (profile.address, profile.city, profile.postal_code) if part)
    contacts = " · ".join(part for part in (profile.phone, profile.email, profile.website) if part)
    canvas.drawString(left, top - 11, address.replace("\n", ", ")[:140])
    canvas.drawString(left, top - 21, contacts[:140])
    if getattr(profile, "tax_number", ""):
        canvas.drawRightString(right, top, _("NPWP %(number)s") % {"number": profile.tax_number})
    canvas.setStrokeColor(brand)
    canvas.setLineWidth(1.5)
    canvas.line(left, top - 27, right, top - 27)
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawRightString(right, 7 * mm, _("Page %(page)d") % {"page": doc.page})
    canvas.restoreState()
