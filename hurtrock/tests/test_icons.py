"""The cut-down icon font (`make icons`) has every icon the shop uses, so none shows as a blank box."""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from scripts.icons import FA_CSS, OUT_CSS, OUT_FONTS, codepoint, icon_definitions, used_names

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    defined = icon_definitions(OUT_CSS.read_text())
    glyphs = set()
    for font in (OUT_FONTS / "icons").glob("*.woff2"):
        glyphs |= set(TTFont(font).getBestCmap())
    return defined, glyphs


def test_every_icon_used_is_in_the_generated_css_and_font(shipped):
    defined, glyphs = shipped
    all_icons = icon_definitions(FA_CSS.read_text())
    used = {name for name in used_names() if name in all_icons}
    assert len(used) >= 10
    missing_css = sorted(used - set(defined))
    assert not missing_css, f"run `make icons`: {missing_css} are used but not in static/css/icons.css"
    missing_glyph = sorted(name for name in used if codepoint(all_icons[name]) not in glyphs)
    assert not missing_glyph, f"run `make icons`: no glyph for {missing_glyph}"


def test_pages_load_the_cut_down_css_not_the_full_font_awesome():
    base = (ROOT / "templates" / "base.html").read_text()
    assert "css/icons.css" in base
    assert "all.min.css" not in base
    assert OUT_CSS.stat().st_size < 20_000
