"""Buying from the storefront on a phone (360 px, both themes): "add to cart" straight from a product
card updates the badge without a reload, and the product page's sticky buy bar adds to the cart."""

import re

import pytest
from playwright.sync_api import expect

from catalog.tests.factories import CategoryFactory
from orders.tests.factories import stocked_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_card_and_sticky_bar_add_to_cart_at_360(page, live_url, screenshot, axe_check, theme):
    category = CategoryFactory(name="Efek Gitar", slug=f"efek-{theme}")
    card_product = stocked_product(4, name="Boss DS-1 Distortion", price=1_150_000, category=category)
    page_product = stocked_product(2, name="MXR M116 Fullbore Metal", price=2_390_000, category=category)

    page.set_viewport_size({"width": 360, "height": 740})
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    page.goto(f"{live_url}/products/?category={category.slug}")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    with page.expect_response(re.compile(rf"/cart/add/{card_product.pk}/$")) as answer:
        page.click(f"[data-add-to-cart='{card_product.pk}']")
    assert answer.value.status == 200
    expect(page.locator("[data-cart-count]").first).to_have_text("1")
    assert "/products/" in page.url  # no navigation
    screenshot(f"catalog-card-add-360-{theme}")
    axe_check(f"product list with card buttons {theme}")

    page.goto(f"{live_url}{page_product.get_absolute_url()}")
    bar = page.locator("[data-sticky-buy-bar]")
    expect(bar).to_be_visible()
    page.mouse.wheel(0, 1500)
    box = bar.bounding_box()
    assert box and box["y"] + box["height"] <= 740 + 1, "the buy bar is not at the bottom of the screen"
    launcher = page.locator(".chat-launcher").bounding_box()
    assert launcher and launcher["y"] + launcher["height"] <= box["y"], "the chat button covers the buy bar"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    with page.expect_response(re.compile(rf"/cart/add/{page_product.pk}/$")):
        page.click(f"[data-sticky-add-to-cart='{page_product.pk}']")
    expect(page.locator("[data-cart-count]").first).to_have_text("2")
    screenshot(f"catalog-sticky-buy-bar-360-{theme}", full_page=False)
    axe_check(f"product page with buy bar {theme}")


def test_cart_quantity_applies_without_an_update_click(page, live_url, screenshot):
    product = stocked_product(5, name="Ernie Ball Regular Slinky 10-46", price=95_000)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_url}{product.get_absolute_url()}")
    page.click(f"[data-add-to-cart='{product.pk}']")
    expect(page.locator("[data-cart-count]").first).to_have_text("1")
    page.goto(f"{live_url}/cart/")
    expect(page.locator("[data-cart-update-button]")).to_have_class(re.compile("visually-hidden-focusable"))
    with page.expect_response(re.compile(rf"/cart/update/{product.pk}/$")):
        page.fill(f"#qty-{product.pk}", "3")
    expect(page.locator("[data-cart-count]").first).to_have_text("3")
    expect(page.locator("[data-line-total]")).to_have_text("Rp 285.000")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot("orders-cart-debounced-360")
