"""The option picker of a product family in a real Chromium against the real ASGI server: mouse
and keyboard switch price, SKU, stock, picture, cart target and URL; the cart gets the chosen
variant; axe clean in both themes; no overflow at 360 px."""

import pytest
from django.db import transaction

from catalog.models import Category, Product, ProductImage, VariantOptionKind
from catalog.sample_data.artwork import artwork_draw_colours
from catalog.services.images import product_image_files_store
from catalog.services.variants import OptionSpec, VariantSpec, variant_family_set
from hurtrock.templatetags.rupiah import format_rupiah

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROME = (205, 205, 210)
FINISHES = [
    ("HRV-T-3TS", "3-Color Sunburst", "#7a3b12", (122, 59, 18), 15_499_000, 6),
    ("HRV-T-BLK", "Black", "#1b1b1b", (27, 27, 27), 14_999_000, 4),
    ("HRV-T-PWT", "Polar White", "#efece2", (239, 236, 226), 14_999_000, 0),
    ("HRV-T-AQB", "Aquatone Blue", "#3f93a8", (63, 147, 168), 15_799_000, 2),
]


@pytest.fixture
def family(asgi_server, settings):
    settings.MEDIA_ROOT = asgi_server.extra_env["MEDIA_ROOT"]
    gitar = Category.objects.create(name="Gitar Elektrik", slug="gitar-elektrik")
    with transaction.atomic():
        parent = Product.objects.create(
            sku="HRV-T", name="Fender Player II Stratocaster", slug="fender-player-ii-stratocaster", brand="Fender",
            model_name="Player II", description="Stratocaster dengan body alder.", price=0, category=gitar,
        )  # fmt: skip
        children = {}
        for sku, finish, swatch, colour, price, stock in FINISHES:
            child = Product.objects.create(
                sku=sku, name=f"{parent.name} {finish}", slug=f"strat-{sku.lower()}", brand="Fender", price=price,
                stock_quantity=stock, category=gitar, parent=parent, weight_grams=4200,
            )  # fmt: skip
            files = product_image_files_store(
                product=child, image=artwork_draw_colours("electric_guitar", (colour, (240, 240, 240), CHROME))
            )
            ProductImage.objects.create(product=child, is_main=True, sort_order=1, alt_text=child.name, **files)
            children[child] = VariantSpec(sku, {"Finish": finish}, {"Finish": swatch})
            if not parent.images.exists():  # the family's card shows the parent's own picture
                ProductImage.objects.create(product=parent, is_main=True, sort_order=1, alt_text=parent.name, **files)
        variant_family_set(parent=parent, options=[OptionSpec("Finish", VariantOptionKind.COLOUR)], variants=children)
    return parent, {child.sku: child for child in children}


def visible(page, selector):
    return page.locator(f"[data-variant-pane]:not([hidden]) {selector}").first


def choose(page, finish):
    """A mouse click on the swatch (the radio itself is visually hidden behind its label)."""
    page.locator("label.variant-choice", has_text=finish).click()
    assert page.locator("input[type=radio]:checked").get_attribute("value") == finish


def state(page):
    return {
        "price": visible(page, ".price").inner_text().strip(),
        "sku": visible(page, "[data-variant-sku]").inner_text(),
        "stock": visible(page, ".stock-badge").inner_text(),
        "picture": visible(page, "[data-gallery-main]").get_attribute("src"),
        "cart": page.locator("form.add-to-cart").get_attribute("action"),
        "path": page.evaluate("location.pathname"),
    }


def test_the_mouse_switches_the_variant_without_a_reload(page, live_url, family):
    parent, children = family
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + parent.get_absolute_url())
    page.evaluate("window.notReloaded = true")
    first = state(page)
    assert first["sku"] == "HRV-T-BLK"  # the cheapest in stock
    assert page.locator("input[type=radio]:checked").get_attribute("value") == "Black"

    choose(page, "Aquatone Blue")

    blue = children["HRV-T-AQB"]
    now = state(page)
    assert now["sku"] == "HRV-T-AQB" and now["price"] == format_rupiah(15_799_000)
    assert now["stock"] == "Sisa 2" or "2" in now["stock"]
    assert now["picture"] != first["picture"]
    assert now["cart"] == f"/cart/add/{blue.pk}/" and now["path"] == blue.get_absolute_url()
    assert page.evaluate("window.notReloaded") is True
    assert "Aquatone Blue" in page.locator("[data-variant-status]").inner_text()

    choose(page, "Polar White")  # sold out: shown, marked, not buyable
    assert state(page)["sku"] == "HRV-T-PWT"
    assert page.locator("form.add-to-cart button[type=submit]").is_disabled()

    choose(page, "Aquatone Blue")
    page.locator("form.add-to-cart button[type=submit]").click()
    page.locator("#cart-status .alert-success").wait_for()
    assert page.locator("[data-cart-count]").first.inner_text() == "1"
    page.goto(live_url + "/cart/")
    assert page.locator(f"[data-cart-line='{blue.pk}']").count() == 1


def test_the_keyboard_switches_the_variant_with_the_arrow_keys(page, live_url, family):
    parent, children = family
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_url + children["HRV-T-3TS"].get_absolute_url())
    assert state(page)["sku"] == "HRV-T-3TS"

    page.locator("[data-product-summary] .wishlist-heart").focus()  # the control just before the picker
    page.keyboard.press("Tab")  # a radio group is one Tab stop: its checked radio
    assert page.evaluate("document.activeElement.value") == "3-Color Sunburst"
    page.keyboard.press("Tab")  # and the next Tab leaves the group
    assert page.evaluate("document.activeElement.type") != "radio"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowRight")

    now = state(page)
    black = children["HRV-T-BLK"]
    assert page.evaluate("document.activeElement.value") == "Black"
    assert now["sku"] == "HRV-T-BLK" and now["price"] == format_rupiah(14_999_000)
    assert now["cart"] == f"/cart/add/{black.pk}/" and now["path"] == black.get_absolute_url()
    page.reload()  # the URL is a real page of that variant
    assert state(page)["sku"] == "HRV-T-BLK"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_picker_page_is_accessible_and_fits_a_phone(page, live_url, family, axe_check, screenshot, theme):
    parent, children = family
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_url + parent.get_absolute_url())
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        screenshot(f"variants-picker-{theme}-{width}")
    axe_check(f"product family page ({theme})")
    choose(page, "Polar White")
    axe_check(f"product family page, sold-out variant ({theme})")
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(live_url + "/products/")
    assert page.locator("[data-family-count]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(f"variants-list-{theme}-360")
    axe_check(f"list with a family ({theme})")
