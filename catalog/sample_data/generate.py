"""Turns a product line into one product: name, Indonesian description, specifications, price, size.

Everything is drawn from a `random.Random` seeded by the product's number, so product N is the same
on every run (the command is idempotent by SKU) and on every machine.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from catalog.sample_data.content import ARTWORK, CATEGORIES, CATEGORY_WEIGHTS, LINES, Line

GENRES = ["rock", "metal", "hard rock", "thrash metal", "metalcore", "punk", "grunge", "djent", "blues rock"]
TONES = ["tebal dan agresif", "jernih dengan sustain panjang", "hangat dan punchy", "tajam dan artikulatif"]
WARRANTY = ["Garansi resmi 1 tahun.", "Garansi resmi 2 tahun dari distributor.", "Garansi toko 6 bulan."]
CLOSERS = [
    "Bisa dicoba langsung di toko kami di Bandung.",
    "Dikirim dengan packing kayu untuk keamanan ekstra.",
    "Cocok untuk latihan di rumah maupun manggung.",
    "Stok terbatas, tanyakan ketersediaan warna lewat chat.",
]


def _pick(rng, items):
    return items[rng.randrange(len(items))]


def _guitar(rng, line, model):
    body = _pick(rng, ["mahogany", "alder", "basswood", "ash", "nyatoh"])
    pickups = _pick(rng, ["EMG 81/85 aktif", "Seymour Duncan JB/Jazz", "Fishman Fluence Modern", "humbucker ceramic"])
    spec = [
        ["Body", body.title()], ["Neck", _pick(rng, ["Maple", "Mahogany", "Maple 3-piece"])],
        ["Fretboard", _pick(rng, ["Rosewood", "Ebony", "Jatoba", "Maple"])],
        ["Frets", _pick(rng, ["22 Medium Jumbo", "24 Extra Jumbo", "24 Jumbo Stainless"])],
        ["Scale", _pick(rng, ['24.75"', '25.5"', '25.5"'])], ["Pickups", pickups],
        ["Bridge", _pick(rng, ["Tune-o-matic", "Floyd Rose 1000", "Hardtail", "Tremolo 2-point"])],
    ]  # fmt: skip
    text = (
        f"Gitar elektrik {line.brand} {model} dengan body {body} dan pickup {pickups}. "
        f"Suaranya {_pick(rng, TONES)}, pas untuk {_pick(rng, GENRES)} dan {_pick(rng, GENRES)}."
    )
    return spec, text


def _acoustic(rng, line, model):
    top = _pick(rng, ["Solid Spruce", "Spruce", "Solid Cedar", "Mahogany"])
    spec = [["Top", top], ["Back & sides", _pick(rng, ["Mahogany", "Rosewood", "Nato", "Sapele"])],
            ["Preamp", _pick(rng, ["Tidak ada", "Fishman Presys", "System 66"])], ["Senar", "Phosphor bronze 12-53"]]  # fmt: skip
    return spec, f"Gitar akustik {line.brand} {model} dengan top {top.lower()}, nyaman dimainkan dan suaranya seimbang."


def _bass(rng, line, model):
    strings = "5" if "5" in model or "Five" in model else _pick(rng, ["4", "4", "5"])
    spec = [["Senar", strings], ["Body", _pick(rng, ["Alder", "Ash", "Mahogany", "Nyatoh"])],
            ["Pickups", _pick(rng, ["P/J pasif", "Bartolini MK-1", "EMG 35DC aktif", "Humbucker aktif"])],
            ["Scale", _pick(rng, ['34"', '35"'])], ["Preamp", _pick(rng, ["Pasif", "EQ aktif 3-band", "EQ aktif 2-band"])]]  # fmt: skip
    return (
        spec,
        f"Bass elektrik {line.brand} {model} {strings} senar dengan low-end yang tebal untuk {_pick(rng, GENRES)}.",
    )


def _drums(rng, line, model):
    spec = [["Shell", _pick(rng, ["Poplar", "Maple", "Birch", "Mahogany"])],
            ["Konfigurasi", _pick(rng, ['22" kick, 10"/12" tom, 16" floor, 14" snare', '20" kick, 12" tom, 14" floor, 14" snare'])],
            ["Hardware", _pick(rng, ["Termasuk stand dan pedal", "Shell pack (tanpa hardware)"])]]  # fmt: skip
    return (
        spec,
        f"Set drum {line.brand} {model}: {spec[1][1]}. Punchy dan bertenaga untuk panggung {_pick(rng, GENRES)}.",
    )


def _electronic_drums(rng, line, model):
    spec = [["Modul", f"{rng.randrange(300, 800)} suara, {rng.randrange(20, 80)} kit"], ["Pad", "Mesh head"],
            ["Koneksi", "USB MIDI, headphone, aux in"]]  # fmt: skip
    return spec, f"Drum elektrik {line.brand} {model} dengan mesh head yang senyap, ideal untuk latihan di rumah."


def _cymbal(rng, line, model):
    spec = [
        ["Jenis", model.split('"')[0].split()[-1]],
        ["Bahan", _pick(rng, ["B20 bronze", "B8 bronze", "B12 bronze"])],
    ]
    return spec, f"Simbal {line.brand} {model} dengan karakter {_pick(rng, ['gelap', 'terang', 'kering', 'meledak'])}."


def _snare(rng, line, model):
    return [["Ukuran", model.split()[-1]], ["Shell", _pick(rng, ["Steel", "Brass", "Maple", "Aluminium"])]], (
        f"Snare {line.brand} {model} dengan crack yang tajam dan sensitivitas tinggi."
    )


def _amp(rng, line, model):
    watts = _pick(rng, ["15 W", "30 W", "50 W", "100 W", "120 W"])
    spec = [["Tipe", _pick(rng, ["Tabung (tube)", "Solid state", "Modeling"])], ["Daya", watts],
            ["Channel", _pick(rng, ["1", "2", "3", "4"])], ["Effects loop", _pick(rng, ["Ya", "Tidak"])]]  # fmt: skip
    return spec, f"Amplifier {line.brand} {model} {watts} dengan gain melimpah untuk {_pick(rng, GENRES)}."


def _cabinet(rng, line, model):
    spec = [["Speaker", _pick(rng, ["Celestion Vintage 30", "Celestion G12T-75", "Celestion G12K-100"])],
            ["Impedansi", _pick(rng, ["8 ohm", "16 ohm", "4/16 ohm"])], ["Daya", _pick(rng, ["120 W", "240 W", "300 W"])]]  # fmt: skip
    return spec, f"Kabinet {line.brand} {model} dengan speaker {spec[0][1]}, low-end rapat untuk riff berat."


def _pedal(rng, line, model):
    spec = [["Kontrol", _pick(rng, ["Level, Tone, Gain", "Level, Low, High, Dist", "Time, Feedback, Mix"])],
            ["Daya", "9V DC / baterai"], ["Bypass", _pick(rng, ["True bypass", "Buffered bypass"])]]  # fmt: skip
    return spec, f"Pedal efek {line.brand} {model}, ringkas dan tahan banting untuk pedalboard."


def _multi(rng, line, model):
    spec = [["Amp model", f"{rng.randrange(40, 120)}"], ["Efek", f"{rng.randrange(100, 300)}"],
            ["Koneksi", "USB audio, MIDI, XLR out"]]  # fmt: skip
    return spec, f"Multi-efek {line.brand} {model}: amp modeling dan ratusan efek dalam satu unit."


def _keyboard(rng, line, model):
    spec = [["Tuts", _pick(rng, ["37", "49", "61", "73", "88"])],
            ["Aksi", _pick(rng, ["Synth action", "Semi-weighted", "Hammer action"])],
            ["Koneksi", "USB MIDI, 5-pin MIDI, audio out"]]  # fmt: skip
    return spec, f"{line.brand} {model} dengan {spec[0][1]} tuts, suara kaya untuk studio dan panggung."


def _accessory(rng, line, model, kind="Aksesoris"):
    return [["Merek", line.brand], ["Tipe", model]], (
        f"{kind} {line.brand} {model}. Kualitas yang dipakai musisi profesional, harga bersahabat."
    )


def _strings(rng, line, model):
    spec = [
        ["Gauge", model.split()[-1]],
        ["Bahan", _pick(rng, ["Nickel-plated steel", "Pure nickel", "Stainless steel"])],
    ]
    return spec, f"Senar {line.brand} {model} dengan lapisan nikel yang awet dan intonasi stabil."


BUILDERS = {
    "electric_guitar": _guitar, "acoustic_guitar": _acoustic, "bass": _bass, "drum_kit": _drums,
    "cymbal": _cymbal, "snare": _snare, "amp": _amp, "cabinet": _cabinet, "pedal": _pedal, "multi_fx": _multi,
    "wah": _pedal, "keyboard": _keyboard, "strings": _strings,
}  # fmt: skip
CATEGORY_NAMES = {slug: name for slug, name, _parent, _description in CATEGORIES}
LEAVES = sorted(LINES)
WEIGHTS = [CATEGORY_WEIGHTS[slug] for slug in LEAVES]


@dataclass
class ProductSpec:
    sku: str
    name: str
    brand: str
    model_name: str
    category_slug: str
    description: str
    specifications: list
    price: int
    stock_quantity: int
    low_stock_threshold: int
    weight_grams: int
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    is_featured: bool
    units_sold: int
    artwork: str
    palette: int


def sample_sku(number: int) -> str:
    return f"HR-{number:06d}"


def product_spec(number: int) -> ProductSpec:
    """The sample product number `number` (1-based), always the same."""
    rng = random.Random(f"hurtrock-sample-{number}")  # noqa: S311 - sample data, not security
    slug = rng.choices(LEAVES, weights=WEIGHTS)[0]
    line: Line = _pick(rng, LINES[slug])
    model = _pick(rng, line.models)
    finish = _pick(rng, line.finishes) if line.finishes else ""
    kind = ARTWORK[slug]
    if slug == "drum-elektrik":
        specifications, sentence = _electronic_drums(rng, line, model)
    elif kind in BUILDERS:
        specifications, sentence = BUILDERS[kind](rng, line, model)
    else:  # accessories: the description names what it is ("Kabel …", "Strap …")
        specifications, sentence = _accessory(rng, line, model, kind=CATEGORY_NAMES[slug])
    if finish:
        specifications.append(["Finish", finish])
    description = " ".join([sentence, _pick(rng, WARRANTY), _pick(rng, CLOSERS)])
    low, high = line.price
    price = max(round(rng.uniform(low, high) / 10_000) * 10_000 - 1_000, 10_000)
    threshold = 10 if slug in ("senar", "pick", "kabel", "stik-drum") else 3
    roll = rng.random()
    stock = 0 if roll < 0.08 else rng.randint(1, threshold) if roll < 0.2 else rng.randint(threshold + 1, 40)
    length, width, height = line.box
    return ProductSpec(
        sku=sample_sku(number),
        name=" ".join(part for part in (line.brand, model, finish) if part),
        brand=line.brand,
        model_name=model,
        category_slug=slug,
        description=description,
        specifications=specifications,
        price=price,
        stock_quantity=stock,
        low_stock_threshold=threshold,
        weight_grams=rng.randint(*line.weight),
        length_cm=Decimal(length),
        width_cm=Decimal(width),
        height_cm=Decimal(height),
        is_featured=number <= 8 or number % 40 == 0,
        units_sold=min(int(rng.paretovariate(1.3) * 2) - 2, 900),
        artwork=kind,
        palette=rng.randrange(3),
    )
