"""Thermal labels: 100×150 mm pages, one per parcel, with a Code128 barcode that decodes to the order
number (read back from the PDF's own drawing operations) and a QR code to the tracking page."""

import io

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.code128 import _patterns
from reportlab.lib.units import mm

from shipping.labels import BARCODE_HEIGHT, ShippingLabel, label_barcode, label_qr, labels_pdf

TRACKING = "https://shop.example.com/orders/HR-2026-7QK4M2/"


def label(number="HR-2026-7QK4M2", **overrides) -> ShippingLabel:
    fields = {
        "number": number,
        "sender_name": "Hurtrock Music Store",
        "sender_phone": "0821-1555-8035",
        "sender_address": "Jl Gegerkalong Girang Complex Darut Tauhid Kav 22\nKota Bandung 40153",
        "recipient_name": "Budi Santoso",
        "recipient_phone": "0812-3456-7890",
        "recipient_address": ["Jl. Setiabudi No. 10", "Kota Bandung, Jawa Barat 40154"],
        "courier": "JNE",
        "service": "Reguler (REG)",
        "weight_kg": 4,
        "tracking_url": TRACKING,
        "placed_on": "25/11/2026",
        "items": 2,
    }
    return ShippingLabel(**{**fields, **overrides})


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


# --- A Code128 reader, written from the symbology (bars/spaces in modules; sets A, B and C) -------
_WIDTHS = {"".join(str(ord(c.upper()) - ord("A") + 1) for c in pattern): value for value, pattern in _patterns.items()}
START_A, START_B, START_C, STOP = 103, 104, 105, 106


def decode_code128(modules: list[int]) -> str:
    """Decode a run-length list (bar, space, bar, …, in module widths) into the encoded text."""
    symbols = []
    runs = modules
    while runs:
        size = 7 if len(runs) == 7 else 6
        symbols.append(_WIDTHS["".join(map(str, runs[:size]))])
        runs = runs[size:]
    start, *data, checksum, stop = symbols
    assert stop == STOP, "no stop pattern"
    assert checksum == (start + sum(i * v for i, v in enumerate(data, 1))) % 103, "bad checksum"
    code_set = {START_A: "A", START_B: "B", START_C: "C"}[start]
    text = ""
    for value in data:
        if code_set == "C":
            if value == 100:
                code_set = "B"
            elif value == 101:
                code_set = "A"
            else:
                text += f"{value:02d}"
        elif value == 99:
            code_set = "C"
        elif value == 100 and code_set == "A":
            code_set = "B"
        elif value == 101 and code_set == "B":
            code_set = "A"
        else:
            text += chr(value + 32) if (code_set == "B" or value < 64) else chr(value - 64)
    return text


def barcode_modules_from_page(page) -> list[int]:
    """The barcode's bars are the filled rectangles BARCODE_HEIGHT tall: turn their x positions and
    widths (in PDF points) into bar/space runs measured in modules."""
    bars = sorted(
        (float(x), float(w))
        for (x, _y, w, h), op in ((operands, op) for operands, op in page.get_contents().operations if op == b"re")
        if abs(float(h) - BARCODE_HEIGHT) < 0.01
    )
    assert bars, "no barcode on the page"
    module = min(w for _x, w in bars)
    runs, cursor = [], None
    for x, width in bars:
        if cursor is not None:
            runs.append(round((x - cursor) / module))
        runs.append(round(width / module))
        cursor = x + width
    return [run for run in runs if run]  # adjacent bars never touch in Code128, so no zero runs


def test_page_is_100_by_150_mm_and_one_label_a_page():
    reader = read(labels_pdf([label("HR-2026-AAAAA2"), label("HR-2026-BBBBB3"), label("HR-2026-CCCCC4")]))

    assert len(reader.pages) == 3
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(100 * mm, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(150 * mm, abs=0.01)
    assert ["HR-2026-AAAAA2" in p.extract_text() for p in reader.pages] == [True, False, False]
    assert "HR-2026-CCCCC4" in reader.pages[2].extract_text()


def test_label_carries_sender_recipient_courier_service_and_weight():
    text = read(labels_pdf([label(tracking_number="JNE1234567")])).pages[0].extract_text()

    for expected in (
        "Hurtrock Music Store",
        "Jl Gegerkalong Girang Complex Darut Tauhid Kav 22",
        "Budi Santoso",
        "0812-3456-7890",
        "Jl. Setiabudi No. 10",
        "Kota Bandung, Jawa Barat 40154",
        "JNE",
        "Reguler (REG)",
        "4 kg",
        "JNE1234567",
    ):
        assert expected in text


@pytest.mark.parametrize("number", ["HR-2026-7QK4M2", "HR-2027-ZZ99AB", "HR-2026-234567"])
def test_the_barcode_drawn_in_the_pdf_decodes_to_the_order_number(number):
    page = read(labels_pdf([label(number)])).pages[0]

    assert decode_code128(barcode_modules_from_page(page)) == number


def test_the_barcode_keeps_its_quiet_zones_inside_the_label():
    barcode = label_barcode("HR-2026-7QK4M2")

    assert barcode.value == "HR-2026-7QK4M2"
    assert barcode.width + 20 * barcode.barWidth <= 90 * mm + 0.01
    assert barcode.barWidth >= 0.25 * mm  # thermal printers at 203 dpi print 0.125 mm dots


def test_the_qr_code_points_to_the_tracking_page():
    drawing = label_qr(TRACKING)

    (widget,) = drawing.contents
    assert widget.value == TRACKING


def test_an_empty_batch_is_an_error_not_an_empty_pdf():
    with pytest.raises(ValueError):
        labels_pdf([])
