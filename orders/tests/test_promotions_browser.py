"""Promotions in a real Chromium against the real server: a flash sale's countdown and struck-through
price at 360 px, then a voucher applied in the cart, the new total, and the order placed."""

import re

import pytest
from playwright.sync_api import expect

from conftest import login_in_browser
from hurtrock.templatetags.rupiah import format_rupiah
from hurtrock.testing.factories import PASSWORD, CompleteProfileUserFactory
from orders.models import Order
from orders.tests.factories import bank_account_configure, courier_setup, stocked_product, verified
from orders.tests.promotions_helpers import flash, voucher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_flash_countdown_at_360px_then_a_voucher_in_the_cart_and_checkout(page, live_url, screenshot, axe_check):
    _destination, service = courier_setup()
    bank_account_configure()
    pedal = flash(stocked_product(10, name="Boss DS-1 Distortion", price=1_000_000), price=700_000, quota=5)
    voucher(code="METAL50", kind="fixed", value=50_000, description="Rp 50.000 off")
    buyer = verified(CompleteProfileUserFactory())
    page.set_viewport_size({"width": 360, "height": 800})

    # The flash sale: price struck through, percentage off, a ticking countdown; fits a phone.
    page.goto(f"{live_url}{pedal.get_absolute_url()}")
    expect(page.locator("[data-sale=flash] del")).to_contain_text("1.000.000")
    expect(page.locator("[data-sale=flash] .price-off")).to_have_text("−30%")
    clock = page.locator("[data-countdown-clock]")
    expect(clock).to_have_text(re.compile(r"^(\d+d )?\d\d:\d\d:\d\d$"))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot("promotions-01-flash-sale-360")
    axe_check("flash sale product page 360")

    # The buyer signs in, adds the pedal and applies a voucher in the cart.
    login_in_browser(page, live_url, buyer.email, PASSWORD)
    page.goto(f"{live_url}{pedal.get_absolute_url()}")
    with page.expect_response(re.compile(r"/cart/add/\d+/$")):
        page.click(f"[data-add-to-cart='{pedal.pk}']")
    page.goto(f"{live_url}/cart/")
    page.fill("#cart-voucher", "metal50")
    page.click("[data-voucher-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-cart-discount]")).to_have_text("−Rp 50.000")
    expect(page.locator("[data-cart-total]")).to_have_text("Rp 650.000")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot("promotions-02-cart-voucher-360")
    axe_check("cart with voucher 360")

    # Checkout carries the voucher; the total follows the courier; the order gets the discount.
    page.goto(f"{live_url}/checkout/")
    expect(page.locator("input[name=voucher_code]")).to_have_value("METAL50")
    page.check(f"#service-{service.pk}")
    expect(page.locator("[data-summary-discount]")).to_have_text("−Rp 50.000")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot("promotions-03-checkout-voucher-360")
    page.click("[data-place-order]")
    page.wait_for_load_state("networkidle")
    order = Order.objects.get()
    assert page.url.endswith(order.get_absolute_url())
    assert (order.subtotal, order.discount, order.voucher_code) == (700_000, 50_000, "METAL50")
    expect(page.locator("[data-order-discount]")).to_contain_text("METAL50")
    expect(page.locator("[data-amount]")).to_have_text(format_rupiah(order.total))  # what to transfer
    screenshot("promotions-04-order-360")
