"""Thermal shipping labels: 100×150 mm PDF pages, one label a page, for one or many parcels.

Each label carries the sender and the recipient, the courier and service, the chargeable weight,
the order number as a Code128 barcode (what couriers scan) and a QR code to the tracking page.
The data comes in as `ShippingLabel` values (built by the orders app from its snapshot), so the
shipping app knows nothing about orders.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

LABEL_WIDTH = 100 * mm
LABEL_HEIGHT = 150 * mm
LABEL_SIZE = (LABEL_WIDTH, LABEL_HEIGHT)
MARGIN = 5 * mm
BARCODE_HEIGHT = 18 * mm
QR_SIZE = 30 * mm
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class ShippingLabel:
    number: str
    sender_name: str
    sender_phone: str
    sender_address: str
    recipient_name: str
    recipient_phone: str
    recipient_address: list[str]
    courier: str
    service: str
    weight_kg: int
    tracking_url: str
    placed_on: str = ""
    tracking_number: str = ""
    items: int = 0


QUIET_MODULES = 10  # Code128 needs a blank zone of 10 module widths on each side


def label_barcode(number: str) -> Code128:
    """The Code128 symbol of an order number, as wide as the label allows with its quiet zones."""
    usable = LABEL_WIDTH - 2 * MARGIN
    modules = Code128(number, barWidth=1, quiet=0).width
    bar_width = min(0.5 * mm, usable / (modules + 2 * QUIET_MODULES))
    return Code128(number, barWidth=bar_width, barHeight=BARCODE_HEIGHT, quiet=0, humanReadable=False)


def label_qr(url: str, *, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(url, barBorder=0)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def _text_block(canvas: Canvas, lines: list[str], *, x: float, y: float, width: float, font: str, size: float) -> float:
    """Draw wrapped lines downwards from `y`; return the y below the block."""
    canvas.setFont(font, size)
    for line in lines:
        for part in simpleSplit(line, font, size, width) or [""]:
            canvas.drawString(x, y, part)
            y -= size * 1.25
    return y


def _draw_label(canvas: Canvas, label: ShippingLabel) -> None:
    width = LABEL_WIDTH - 2 * MARGIN
    top = LABEL_HEIGHT - MARGIN
    canvas.setLineWidth(1)
    canvas.rect(MARGIN / 2, MARGIN / 2, LABEL_WIDTH - MARGIN, LABEL_HEIGHT - MARGIN)

    # Courier band: what the sorting hub reads first.
    canvas.setFont(FONT_BOLD, 18)
    canvas.drawString(MARGIN, top - 16, label.courier.upper())
    canvas.setFont(FONT_BOLD, 12)
    canvas.drawRightString(LABEL_WIDTH - MARGIN, top - 14, label.service)
    canvas.setFont(FONT, 9)
    canvas.drawRightString(LABEL_WIDTH - MARGIN, top - 26, f"{label.weight_kg} kg")
    y = top - 32
    canvas.line(MARGIN, y, LABEL_WIDTH - MARGIN, y)

    # Barcode of the order number with the number in clear text under it.
    barcode = label_barcode(label.number)
    y -= 4 + BARCODE_HEIGHT
    barcode.drawOn(canvas, MARGIN + (width - barcode.width) / 2, y)
    canvas.setFont(FONT_BOLD, 12)
    y -= 14
    canvas.drawCentredString(LABEL_WIDTH / 2, y, label.number)
    y -= 8
    canvas.line(MARGIN, y, LABEL_WIDTH - MARGIN, y)

    # Recipient: the biggest text on the label.
    y -= 12
    canvas.setFont(FONT_BOLD, 8)
    canvas.drawString(MARGIN, y, "KEPADA / TO:")
    y -= 14
    y = _text_block(canvas, [label.recipient_name], x=MARGIN, y=y, width=width, font=FONT_BOLD, size=13)
    y = _text_block(
        canvas, [label.recipient_phone, *label.recipient_address], x=MARGIN, y=y, width=width, font=FONT, size=10.5
    )
    y -= 2
    canvas.line(MARGIN, y, LABEL_WIDTH - MARGIN, y)

    # Sender, then the QR code and the parcel details side by side at the bottom.
    y -= 11
    canvas.setFont(FONT_BOLD, 8)
    canvas.drawString(MARGIN, y, "DARI / FROM:")
    y -= 11
    sender = [label.sender_phone, *label.sender_address.splitlines()]
    y = _text_block(canvas, [label.sender_name], x=MARGIN, y=y, width=width, font=FONT_BOLD, size=9)
    _text_block(canvas, [line for line in sender if line], x=MARGIN, y=y, width=width, font=FONT, size=8.5)

    bottom = MARGIN
    renderPDF.draw(label_qr(label.tracking_url), canvas, LABEL_WIDTH - MARGIN - QR_SIZE, bottom)
    # Fixed bilingual wording: the label is read by couriers, not in the staff member's UI language.
    details = [f"Pesanan / Order: {label.number}"]
    if label.placed_on:
        details.append(f"Tanggal / Date: {label.placed_on}")
    if label.items:
        details.append(f"Isi / Items: {label.items}")
    details.append(f"Berat / Weight: {label.weight_kg} kg")
    if label.tracking_number:
        details.append(f"Resi / Tracking: {label.tracking_number}")
    details.append("Pindai QR untuk lacak / Scan to track")
    _text_block(
        canvas,
        details,
        x=MARGIN,
        y=bottom + QR_SIZE - 8,
        width=width - QR_SIZE - 4 * mm,
        font=FONT,
        size=8,
    )


def labels_pdf(labels: Iterable[ShippingLabel], *, title: str = "Shipping labels") -> bytes:
    """One PDF, one 100×150 mm page per label."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LABEL_SIZE, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Hurtrock Music Store")
    drawn = 0
    for label in labels:
        _draw_label(canvas, label)
        canvas.showPage()
        drawn += 1
    if drawn == 0:
        raise ValueError("No labels to print.")
    canvas.save()
    return buffer.getvalue()
