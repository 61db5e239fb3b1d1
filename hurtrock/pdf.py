"""Shared ReportLab helpers for the store's documents (invoices, back-office reports).

`pdf_styles()` gives the paragraph styles every document uses, `pdf_text()` makes any value safe
for a ReportLab Paragraph (which parses a small XML dialect: a product called "<b>" or "A & B"
must print as typed), and `pdf_letterhead()` is the store's heading (name, address, contact,
NPWP and licence numbers) from the store profile, as a list of flowables. `pdf_page_letterhead()`
draws a compact letterhead and the page number on every page of a long document (the sales
report): pass it as `onFirstPage`/`onLaterPages`. `pdf_number()`/`pdf_rupiah()` write numbers the
Indonesian way (1.234.567, 26,8, Rp 2.049.000).
"""

from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, Spacer

from hurtrock.templatetags.rupiah import format_decimal, format_rupiah

LETTERHEAD_HEIGHT = 28 * mm  # top margin a document needs under pdf_page_letterhead
FOOTER_HEIGHT = 12 * mm


def pdf_text(value) -> str:
    """Escape a value for a Paragraph; newlines become line breaks."""
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def pdf_styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("HrTitle", parent=base["Title"], fontSize=16, leading=20, alignment=0, spaceAfter=2),
        "heading": ParagraphStyle("HrHeading", parent=base["Heading3"], fontSize=11, leading=14, spaceBefore=6),
        "body": ParagraphStyle("HrBody", parent=base["BodyText"], fontSize=9, leading=12),
        "small": ParagraphStyle("HrSmall", parent=base["BodyText"], fontSize=8, leading=10, textColor=colors.grey),
        "right": ParagraphStyle("HrRight", parent=base["BodyText"], fontSize=9, leading=12, alignment=TA_RIGHT),
        "h2": ParagraphStyle("HrH2", parent=base["Heading2"], fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
        "small_right": ParagraphStyle(
            "HrSmallRight", parent=base["BodyText"], fontSize=8, leading=10, alignment=TA_RIGHT
        ),
    }


def pdf_letterhead(profile, *, styles: dict[str, ParagraphStyle] | None = None) -> list:
    """The store's name, address, contact and registration numbers, then a rule."""
    styles = styles or pdf_styles()
    address = ", ".join(part for part in (profile.address, profile.city, profile.postal_code) if part)
    contact = " · ".join(part for part in (profile.phone, profile.email, profile.website) if part)
    numbers = []
    if profile.tax_number:
        numbers.append(_("NPWP: %(number)s") % {"number": profile.tax_number})
    if profile.business_license:
        numbers.append(_("Business licence: %(number)s") % {"number": profile.business_license})
    flowables = [Paragraph(pdf_text(profile.name), styles["title"])]
    for line in (address, contact, " · ".join(numbers)):
        if line:
            flowables.append(Paragraph(pdf_text(line), styles["small"]))
    flowables += [Spacer(1, 2 * mm), HRFlowable(width="100%", color=colors.grey), Spacer(1, 3 * mm)]
    return flowables


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


def pdf_page_letterhead(canvas, doc, profile) -> None:
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
