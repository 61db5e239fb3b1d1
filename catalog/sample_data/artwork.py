"""Product pictures drawn with Pillow (nothing is downloaded): simple, recognisable studio shots of
each kind of instrument or accessory, in a few colour schemes.

Drawn at twice the size and scaled down, which gives smooth edges without an anti-aliasing library.
"""

import functools

from PIL import Image, ImageDraw, ImageFilter

SIZE = 800
SCALE = 2
C = SIZE * SCALE  # canvas size while drawing

# (main colour, accent, hardware) per palette
PALETTES = [
    ((26, 26, 26), (255, 107, 53), (200, 200, 205)),
    ((150, 24, 32), (245, 190, 80), (225, 210, 170)),
    ((235, 232, 222), (45, 45, 45), (190, 190, 195)),
]
WOOD = (170, 110, 60)
DARK = (35, 35, 38)
GOLD = (214, 170, 70)


def _s(*values):
    return [int(v * C) for v in values]


def _guitar(draw, main, accent, metal, *, bass=False):
    neck_top = 0.06 if bass else 0.12
    draw.rectangle(_s(0.475, neck_top + 0.06, 0.525, 0.58), fill=WOOD)  # neck
    draw.polygon([tuple(_s(0.46, neck_top + 0.07)), tuple(_s(0.54, neck_top + 0.07)),
                  tuple(_s(0.56, neck_top)), tuple(_s(0.44, neck_top))], fill=main)  # headstock  # fmt: skip
    for i in range(4 if bass else 3):
        y = neck_top + 0.012 + i * 0.016
        draw.ellipse(_s(0.42, y, 0.44, y + 0.012), fill=metal)
        draw.ellipse(_s(0.56, y, 0.58, y + 0.012), fill=metal)
    draw.ellipse(_s(0.30, 0.50, 0.70, 0.92), fill=main)  # lower bout
    draw.ellipse(_s(0.34, 0.40, 0.64, 0.66), fill=main)  # upper bout
    draw.ellipse(_s(0.50, 0.38, 0.60, 0.48), fill=(255, 255, 255))  # cutaway
    for y in (0.58, 0.68) if not bass else (0.62,):
        draw.rounded_rectangle(_s(0.44, y, 0.56, y + 0.04), radius=int(0.01 * C), fill=accent)
    draw.rectangle(_s(0.45, 0.77, 0.55, 0.80), fill=metal)  # bridge
    for i in range(3):
        draw.ellipse(_s(0.58 + i * 0.03, 0.78 + i * 0.03, 0.61 + i * 0.03, 0.81 + i * 0.03), fill=metal)


def electric_guitar(draw, palette):
    _guitar(draw, *palette)


def bass(draw, palette):
    _guitar(draw, *palette, bass=True)


def acoustic_guitar(draw, palette):
    main = WOOD if palette[0] == PALETTES[0][0] else palette[0]
    draw.rectangle(_s(0.475, 0.16, 0.525, 0.50), fill=(110, 70, 40))
    draw.rounded_rectangle(_s(0.45, 0.08, 0.55, 0.17), radius=int(0.02 * C), fill=DARK)
    draw.ellipse(_s(0.28, 0.50, 0.72, 0.94), fill=main)
    draw.ellipse(_s(0.33, 0.36, 0.67, 0.66), fill=main)
    draw.ellipse(_s(0.44, 0.52, 0.56, 0.64), fill=DARK)  # sound hole
    draw.rectangle(_s(0.43, 0.78, 0.57, 0.80), fill=DARK)


def drum_kit(draw, palette):
    main, accent, metal = palette
    for x0, y0, x1, y1 in ((0.12, 0.18, 0.40, 0.24), (0.60, 0.16, 0.90, 0.22)):
        draw.ellipse(_s(x0, y0, x1, y1), fill=GOLD)
        draw.line(_s((x0 + x1) / 2, y1, (x0 + x1) / 2, 0.88), fill=metal, width=int(0.008 * C))
    draw.ellipse(_s(0.30, 0.30, 0.48, 0.46), fill=main, outline=metal, width=int(0.006 * C))
    draw.ellipse(_s(0.52, 0.30, 0.70, 0.46), fill=main, outline=metal, width=int(0.006 * C))
    draw.ellipse(_s(0.30, 0.44, 0.70, 0.86), fill=main, outline=metal, width=int(0.01 * C))  # kick
    draw.ellipse(_s(0.38, 0.52, 0.62, 0.78), fill=(245, 245, 240))
    draw.rounded_rectangle(_s(0.44, 0.62, 0.56, 0.67), radius=int(0.01 * C), fill=accent)
    draw.rectangle(_s(0.72, 0.56, 0.90, 0.84), fill=main, outline=metal, width=int(0.006 * C))  # floor tom


def cymbal(draw, palette):
    draw.ellipse(_s(0.10, 0.30, 0.90, 0.70), fill=GOLD)
    for inset in (0.08, 0.16, 0.24, 0.32):
        draw.ellipse(
            _s(0.10 + inset, 0.30 + inset / 2, 0.90 - inset, 0.70 - inset / 2),
            outline=(180, 135, 50),
            width=int(0.004 * C),
        )
    draw.ellipse(_s(0.44, 0.46, 0.56, 0.54), fill=(190, 145, 55))


def snare(draw, palette):
    main, accent, metal = palette
    draw.rectangle(_s(0.20, 0.40, 0.80, 0.64), fill=main)
    draw.ellipse(_s(0.20, 0.56, 0.80, 0.72), fill=main)
    draw.ellipse(_s(0.20, 0.32, 0.80, 0.48), fill=(245, 245, 240), outline=metal, width=int(0.01 * C))
    for i in range(6):
        x = 0.24 + i * 0.1
        draw.rounded_rectangle(_s(x, 0.46, x + 0.03, 0.60), radius=int(0.01 * C), fill=metal)


def amp(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(_s(0.14, 0.22, 0.86, 0.80), radius=int(0.03 * C), fill=DARK)
    draw.rectangle(_s(0.18, 0.26, 0.82, 0.36), fill=GOLD if main == PALETTES[1][0] else metal)
    for i in range(8):
        x = 0.22 + i * 0.075
        draw.ellipse(_s(x, 0.29, x + 0.035, 0.33), fill=DARK)
    draw.rectangle(_s(0.18, 0.40, 0.82, 0.76), fill=main if main != DARK else (60, 60, 60))
    for i in range(12):
        y = 0.42 + i * 0.028
        draw.line(_s(0.18, y, 0.82, y), fill=(90, 90, 90), width=int(0.002 * C))
    draw.rounded_rectangle(_s(0.42, 0.44, 0.58, 0.49), radius=int(0.01 * C), fill=accent)


def cabinet(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(_s(0.16, 0.12, 0.84, 0.88), radius=int(0.02 * C), fill=DARK)
    draw.rectangle(_s(0.20, 0.16, 0.80, 0.84), fill=(70, 70, 70) if main == DARK else main)
    for cx in (0.35, 0.65):
        for cy in (0.33, 0.67):
            draw.ellipse(_s(cx - 0.12, cy - 0.12, cx + 0.12, cy + 0.12), outline=(40, 40, 40), width=int(0.006 * C))
    draw.rounded_rectangle(_s(0.42, 0.18, 0.58, 0.22), radius=int(0.01 * C), fill=accent)


def pedal(draw, palette):
    main, accent, metal = palette
    body = accent if main == DARK else main
    draw.rounded_rectangle(_s(0.28, 0.18, 0.72, 0.84), radius=int(0.04 * C), fill=body)
    for i, x in enumerate((0.34, 0.46, 0.58)):
        draw.ellipse(_s(x, 0.26, x + 0.09, 0.35), fill=DARK)
        draw.line(_s(x + 0.045, 0.265, x + 0.045 + 0.01 * i, 0.30), fill=(250, 250, 250), width=int(0.006 * C))
    draw.ellipse(_s(0.485, 0.42, 0.515, 0.45), fill=(230, 30, 30))
    draw.rectangle(_s(0.34, 0.50, 0.66, 0.60), fill=(250, 250, 250))
    draw.ellipse(_s(0.44, 0.68, 0.56, 0.80), fill=metal, outline=(120, 120, 120), width=int(0.006 * C))


def multi_fx(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(_s(0.08, 0.30, 0.92, 0.74), radius=int(0.03 * C), fill=DARK)
    draw.rectangle(_s(0.36, 0.35, 0.64, 0.47), fill=(40, 120, 200))
    for i in range(6):
        x = 0.14 + i * 0.13
        draw.ellipse(_s(x, 0.56, x + 0.07, 0.63), fill=metal)
        draw.rectangle(_s(x + 0.01, 0.51, x + 0.06, 0.53), fill=accent)


def wah(draw, palette):
    main, accent, metal = palette
    draw.polygon(
        [tuple(_s(0.30, 0.82)), tuple(_s(0.70, 0.82)), tuple(_s(0.66, 0.16)), tuple(_s(0.34, 0.22))], fill=DARK
    )
    draw.polygon(
        [tuple(_s(0.33, 0.74)), tuple(_s(0.67, 0.74)), tuple(_s(0.64, 0.24)), tuple(_s(0.36, 0.28))], fill=(60, 60, 60)
    )
    draw.rectangle(_s(0.28, 0.80, 0.72, 0.86), fill=accent if main == DARK else main)


def keyboard(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(
        _s(0.04, 0.34, 0.96, 0.70), radius=int(0.02 * C), fill=main if main != PALETTES[2][0] else DARK
    )
    draw.rectangle(_s(0.07, 0.38, 0.93, 0.44), fill=(50, 50, 50))
    for i in range(6):
        draw.ellipse(_s(0.10 + i * 0.05, 0.39, 0.13 + i * 0.05, 0.43), fill=accent)
    keys = 21
    width = 0.86 / keys
    for i in range(keys):
        draw.rectangle(_s(0.07 + i * width, 0.48, 0.07 + (i + 1) * width - 0.003, 0.67), fill=(250, 250, 250))
    for i in range(keys - 1):
        if i % 7 in (2, 6):
            continue
        x = 0.07 + (i + 1) * width - width * 0.3
        draw.rectangle(_s(x, 0.48, x + width * 0.6, 0.59), fill=(20, 20, 20))


def strings(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(_s(0.24, 0.14, 0.76, 0.86), radius=int(0.02 * C), fill=accent if main == DARK else main)
    draw.ellipse(_s(0.32, 0.34, 0.68, 0.70), outline=metal, width=int(0.012 * C))
    draw.ellipse(_s(0.36, 0.38, 0.64, 0.66), outline=metal, width=int(0.006 * C))
    draw.rectangle(_s(0.30, 0.76, 0.70, 0.80), fill=(250, 250, 250))


def picks(draw, palette):
    colours = [palette[1], palette[0], (40, 110, 200)]
    for i, colour in enumerate(colours):
        x, y = 0.20 + i * 0.2, 0.30 + (i % 2) * 0.12
        draw.rounded_rectangle(_s(x, y, x + 0.22, y + 0.22), radius=int(0.08 * C), fill=colour)
        draw.polygon([tuple(_s(x, y + 0.1)), tuple(_s(x + 0.22, y + 0.1)), tuple(_s(x + 0.11, y + 0.36))], fill=colour)


def cable(draw, palette):
    main, accent, metal = palette
    for i in range(5):
        inset = i * 0.035
        draw.ellipse(_s(0.22 + inset, 0.26 + inset, 0.78 - inset, 0.74 - inset), outline=DARK, width=int(0.012 * C))
    for x0 in (0.10, 0.78):
        draw.rounded_rectangle(_s(x0, 0.46, x0 + 0.12, 0.52), radius=int(0.01 * C), fill=metal)
        draw.rectangle(_s(x0 + 0.02, 0.45, x0 + 0.05, 0.53), fill=accent)


def strap(draw, palette):
    main, accent, metal = palette
    draw.arc(
        _s(0.10, 0.20, 0.90, 1.10),
        start=200,
        end=340,
        fill=main if main != PALETTES[2][0] else DARK,
        width=int(0.08 * C),
    )
    draw.arc(_s(0.14, 0.24, 0.86, 1.06), start=205, end=335, fill=accent, width=int(0.01 * C))


def stand(draw, palette):
    main, accent, metal = palette
    width = int(0.018 * C)
    draw.line(_s(0.50, 0.12, 0.50, 0.70), fill=DARK, width=width)
    draw.line(_s(0.50, 0.70, 0.22, 0.88), fill=DARK, width=width)
    draw.line(_s(0.50, 0.70, 0.78, 0.88), fill=DARK, width=width)
    draw.arc(_s(0.36, 0.46, 0.64, 0.66), start=0, end=180, fill=DARK, width=width)
    draw.rounded_rectangle(_s(0.45, 0.10, 0.55, 0.16), radius=int(0.02 * C), fill=accent)


def case(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(_s(0.16, 0.12, 0.84, 0.88), radius=int(0.12 * C), fill=DARK)
    draw.rounded_rectangle(
        _s(0.20, 0.16, 0.80, 0.84), radius=int(0.10 * C), outline=accent if main == DARK else main, width=int(0.008 * C)
    )
    draw.rounded_rectangle(_s(0.70, 0.40, 0.76, 0.60), radius=int(0.02 * C), fill=metal)


def sticks(draw, palette):
    for dx in (0.0, 0.1):
        draw.line(_s(0.22 + dx, 0.84, 0.70 + dx, 0.14), fill=(215, 175, 120), width=int(0.03 * C))
        draw.ellipse(_s(0.68 + dx, 0.11, 0.73 + dx, 0.17), fill=(225, 190, 140))
        draw.line(_s(0.22 + dx, 0.84, 0.30 + dx, 0.72), fill=palette[1], width=int(0.032 * C))


def tuner(draw, palette):
    main, accent, metal = palette
    draw.rounded_rectangle(_s(0.30, 0.20, 0.70, 0.52), radius=int(0.06 * C), fill=DARK)
    draw.rectangle(_s(0.35, 0.26, 0.65, 0.44), fill=(20, 40, 30))
    draw.line(_s(0.50, 0.44, 0.56, 0.29), fill=(80, 230, 120), width=int(0.008 * C))
    draw.rounded_rectangle(_s(0.44, 0.52, 0.56, 0.86), radius=int(0.03 * C), fill=accent if main == DARK else main)


KINDS = {
    "electric_guitar": electric_guitar, "acoustic_guitar": acoustic_guitar, "bass": bass, "drum_kit": drum_kit,
    "cymbal": cymbal, "snare": snare, "amp": amp, "cabinet": cabinet, "pedal": pedal, "multi_fx": multi_fx,
    "wah": wah, "keyboard": keyboard, "strings": strings, "picks": picks, "cable": cable, "strap": strap,
    "stand": stand, "case": case, "sticks": sticks, "tuner": tuner,
}  # fmt: skip


@functools.cache
def _studio_background() -> Image.Image:
    """White with a soft floor shadow (blurred once, then copied for every picture)."""
    canvas = Image.new("RGB", (C, C), (255, 255, 255))
    shadow = Image.new("L", (C, C), 0)
    ImageDraw.Draw(shadow).ellipse(_s(0.18, 0.86, 0.82, 0.96), fill=60)
    canvas.paste((215, 215, 215), mask=shadow.filter(ImageFilter.GaussianBlur(int(0.02 * C))))
    return canvas


def artwork_draw(kind: str, palette: int = 0) -> Image.Image:
    """A SIZE×SIZE RGB picture of `kind` on a soft white studio background."""
    canvas = _studio_background().copy()
    KINDS[kind](ImageDraw.Draw(canvas), PALETTES[palette % len(PALETTES)])
    return canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def artwork_draw_colours(kind: str, colours: tuple) -> Image.Image:
    """Like artwork_draw with its own (main, accent, hardware) colours (a variant's finish)."""
    canvas = _studio_background().copy()
    KINDS[kind](ImageDraw.Draw(canvas), colours)
    return canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
