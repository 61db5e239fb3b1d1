"""The purchase in a real Chromium against the real ASGI server, from "add to cart" to a shipped order.

E-mail verification is mandatory in the test settings and the server is another process, so after
the signup step the test confirms the new address in the database (allauth's EmailAddress,
verified=True) — the same row the confirmation link would flip — and then signs in normally.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from conftest import ARTIFACTS, login_in_browser
from hurtrock.testing.factories import PASSWORD, StaffFactory
from orders.models import Order, OrderStatus
from orders.tests.factories import bank_account_configure, courier_setup, stocked_product, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUYER_EMAIL = "rina.browser@example.com"


def test_visitor_buys_by_bank_transfer_and_staff_ships_it(page, live_url, screenshot, axe_check):
    _destination, service = courier_setup()
    bank_account_configure()
    product = stocked_product(3, name="ESP LTD EC-1000", price=17_900_000)
    staff = verified(StaffFactory(name="Staf Gudang"))

    # 1. A visitor adds the guitar to the cart without a page reload.
    page.goto(f"{live_url}{product.get_absolute_url()}")
    with page.expect_response(re.compile(r"/cart/add/\d+/$")) as answer:
        page.click(f"[data-add-to-cart='{product.pk}']")
    assert answer.value.status == 200 and answer.value.url.endswith(f"/cart/add/{product.pk}/")
    page.wait_for_selector("#cart-status .alert-success")
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    assert page.url.endswith(product.get_absolute_url())  # still on the product page
    screenshot("orders-01-added-to-cart")

    # 2. They sign up (the address is confirmed in the database, see the module docstring) …
    page.goto(f"{live_url}/accounts/signup/")
    page.fill("input[name=email]", BUYER_EMAIL)
    page.fill("input[name=name]", "Rina Wulandari")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form.auth-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    EmailAddress.objects.filter(email=BUYER_EMAIL).update(verified=True)

    # 3. … sign in, and the cart is still there.
    login_in_browser(page, live_url, BUYER_EMAIL, PASSWORD)
    assert page.locator("[data-cart-count]").inner_text() == "1"
    page.click("#nav-cart")
    page.wait_for_load_state("networkidle")
    assert page.locator(f"[data-cart-line='{product.pk}']").is_visible()
    screenshot("orders-02-cart-after-login")
    axe_check("cart")

    # 4. Checkout sends them to complete the profile, then back.
    page.click("a[href='/checkout/']")
    page.wait_for_load_state("networkidle")
    assert "/accounts/profile/" in page.url
    page.fill("input[name=phone]", "0812-7777-8888")
    page.fill("input[name=street]", "Jl. Cihampelas No. 160")
    page.fill("input[name=city]", "Kota Bandung")
    page.fill("input[name=province]", "Jawa Barat")
    page.fill("input[name=postal_code]", "40131")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/checkout/")

    # 5. They pick the courier (the summary follows) and place the order by bank transfer.
    assert page.locator("input[name=recipient_name]").input_value() == "Rina Wulandari"
    page.check(f"#service-{service.pk}")
    assert page.locator("[data-summary-shipping]").inner_text().startswith("Rp")
    assert page.locator("input[name=payment_method][value=bank_transfer]").is_checked()
    screenshot("orders-03-checkout")
    axe_check("checkout")
    page.click("[data-place-order]")
    page.wait_for_load_state("networkidle")

    order = Order.objects.get(user__email=BUYER_EMAIL)
    assert page.url.endswith(order.get_absolute_url())
    assert order.shipping_service_code == service.code
    bank_box = page.locator("[data-bank-transfer]")
    assert "7310-888-123" in bank_box.inner_text()
    assert page.locator("[data-amount]").inner_text() == f"Rp {order.total:,}".replace(",", ".")
    screenshot("orders-04-order-placed")
    axe_check("order detail")

    page.goto(f"{live_url}/orders/")
    assert page.locator(f"[data-order='{order.number}']").is_visible()
    screenshot("orders-05-my-orders")

    # 6. Staff confirm the payment and ship it from the admin (their own browser session).
    staff_page = page.context.browser.new_page()
    staff_page.goto(f"{live_url}/admin/login/")
    staff_page.fill("input[name=username]", staff.email)
    staff_page.fill("input[name=password]", PASSWORD)
    staff_page.click("input[type=submit]")
    staff_page.goto(f"{live_url}/admin/orders/order/?q={order.number}")
    staff_page.click(f"text={order.number}")
    staff_page.fill("#note-paid", "BCA transfer received")
    staff_page.click("[data-transition='paid']")
    staff_page.wait_for_load_state("networkidle")
    staff_page.fill("#ship-form input[name=tracking_number]", "JNE0012345678")
    staff_page.click("#ship-form [data-transition='shipped']")
    staff_page.wait_for_load_state("networkidle")
    staff_page.screenshot(path=str(ARTIFACTS / "screenshots" / "orders-06-admin-shipped.png"), full_page=True)
    staff_page.close()
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED and order.tracking_number == "JNE0012345678"

    # 7. The buyer sees the timeline with the courier and the tracking number.
    page.goto(f"{live_url}{order.get_absolute_url()}")
    timeline = page.locator("[data-timeline]")
    for status in ("pending", "paid", "processing", "shipped"):
        assert timeline.locator(f"[data-event='{status}']").count() == 1
    assert page.locator("[data-tracking-number]").inner_text() == "JNE0012345678"
    screenshot("orders-07-tracking-timeline")
    axe_check("tracking timeline")


def test_cart_changes_in_place_and_fits_a_phone_in_the_dark(page, live_url, screenshot, axe_check):
    _destination, _service = courier_setup()
    bank_account_configure()
    strings = stocked_product(10, name="Ernie Ball Regular Slinky", price=95_000)
    picks = stocked_product(10, name="Dunlop Tortex 0.88 (12)", price=60_000)
    page.set_viewport_size({"width": 360, "height": 800})
    page.add_init_script("localStorage.setItem('hurtrock-theme', 'dark')")
    for product in (strings, picks):
        page.goto(f"{live_url}{product.get_absolute_url()}")
        with page.expect_response(re.compile(r"/cart/add/\d+/$")):
            page.click(f"[data-add-to-cart='{product.pk}']")

    page.goto(f"{live_url}/cart/")
    # Quantities apply by themselves (debounced): no "Update" click.
    with page.expect_response(re.compile(r"/cart/update/\d+/$")):
        page.fill(f"#qty-{strings.pk}", "3")
    expect(page.locator(f"[data-cart-line='{strings.pk}'] [data-line-total]")).to_have_text("Rp 285.000")
    expect(page.locator("[data-cart-subtotal]")).to_have_text("Rp 345.000")
    expect(page.locator("[data-cart-count]")).to_have_text("4")

    # Refused by the server even if the browser let it through.
    page.evaluate(f"document.getElementById('qty-{picks.pk}').removeAttribute('min')")
    with page.expect_response(re.compile(r"/cart/update/\d+/$")) as refused:
        page.fill(f"#qty-{picks.pk}", "0")
    assert refused.value.status == 400
    page.wait_for_selector("#cart-status .alert-danger")
    expect(page.locator(f"#qty-{picks.pk}")).to_have_value("1")  # put back to what the cart holds

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("orders-cart-360-dark")
    axe_check("cart 360 dark")

    with page.expect_response(re.compile(r"/cart/remove/\d+/$")):
        page.click(f"[data-cart-line='{picks.pk}'] form[data-cart-form=remove] button")
    expect(page.locator(f"[data-cart-line='{picks.pk}']")).to_have_count(0)
    expect(page.locator("[data-cart-count]")).to_have_text("3")
    with page.expect_response(re.compile(r"/cart/remove/\d+/$")):
        page.click(f"[data-cart-line='{strings.pk}'] form[data-cart-form=remove] button")
    expect(page.locator("[data-cart-empty]")).to_be_visible()
    expect(page.locator("[data-cart-count]")).to_be_hidden()
