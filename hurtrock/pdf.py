"""Shared ReportLab helpers for the store's documents (invoices, back-office reports).

`pdf_styles()` gives the paragraph styles every document uses, `pdf_text()` makes any value safe
for a ReportLab Paragraph (which parses a small XML dialect: a product called "<b>" or "A & B"
must print as typed), and `pdf_letterhead()` is the store's heading (name, address, contact,
NPWP and licence numbers) from the store profile, as a list of flowables.
"""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, Spacer


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
