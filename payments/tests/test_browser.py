"""A real Chromium against the real ASGI server, whose SDKs talk to the fake gateways: the fake
hosted pages "pay", then send the signed webhook / notification to the shop over HTTP."""

import re

import pytest
from playwright.sync_api import expect

from conftest import login_in_browser
from hurtrock.testing.factories import PASSWORD, CompleteProfileUserFactory
from orders.models import Order, OrderStatus
from orders.tests.factories import bank_account_configure, courier_setup, stocked_product, verified
from payments.models import GatewayNotification, NotificationOutcome, Payment, PaymentStatus
from payments.testing.fake_stripe import TEST_WEBHOOK_SECRET
from payments.tests.conftest import configure_midtrans, configure_stripe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def to_checkout(page, live_url, product):
    buyer = verified(CompleteProfileUserFactory(name="Rina Wulandari"))
    login_in_browser(page, live_url, buyer.email, PASSWORD)
    page.goto(f"{live_url}{product.get_absolute_url()}")
    with page.expect_response(re.compile(r"/cart/add/\d+/$")):
        page.click(f"[data-add-to-cart='{product.pk}']")
    page.goto(f"{live_url}/checkout/")
    return buyer


def place(page, service, method):
    page.check(f"#service-{service.pk}")
    page.check(f"input[name=payment_method][value={method}]")
    page.click("[data-place-order]")


def test_checkout_with_midtrans_the_fake_snap_page_pays_and_the_order_turns_paid(
    page, live_url, gateways, screenshot, axe_check
):
    _destination, service = courier_setup()
    bank_account_configure()
    configure_midtrans()
    configure_stripe()
    product = stocked_product(2, name="Jackson Rhoads RRX24", price=8_750_000)
    page.set_viewport_size({"width": 360, "height": 800})
    to_checkout(page, live_url, product)

    # The payment choice on a phone: every configured method, nothing wider than the screen.
    expect(page.locator("input[name=payment_method]")).to_have_count(3)
    page.locator("input[name=payment_method][value=stripe]").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 120)")
    screenshot("payments-01-payment-choice-360", full_page=False)
    fits_the_screen(page)
    axe_check("checkout payment choice 360")

    place(page, service, "midtrans")
    page.wait_for_url(re.compile(re.escape(gateways.midtrans.url) + r"/snap/v4/redirection/"))
    order = Order.objects.latest("id")
    expect(page.locator("[data-amount]")).to_contain_text(f"{order.total:,}")
    screenshot("payments-02-fake-snap-page")

    page.click("[data-fake-pay]")  # settles, notifies the shop, redirects to the finish page
    page.wait_for_url(re.compile(re.escape(order.get_absolute_url()) + "$"))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert gateways.midtrans.deliveries == [(f"{order.number}-1", 200)]
    note = GatewayNotification.objects.get(provider="midtrans")
    assert note.is_verified and note.outcome == NotificationOutcome.PROCESSED
    expect(page.locator("[data-payments]")).to_contain_text("bca_va")
    expect(page.locator("[data-timeline] [data-event='paid']")).to_have_count(1)
    screenshot("payments-03-midtrans-paid-360")
    fits_the_screen(page)
    axe_check("order paid through Midtrans")


def test_checkout_with_stripe_back_to_the_pending_order_then_pay_and_the_webhook_pays_it(
    page, live_url, gateways, screenshot, axe_check
):
    _destination, service = courier_setup()
    bank_account_configure()
    configure_stripe()
    gateways.stripe.webhook_url = f"{live_url}/payments/stripe/webhook/"  # as registered in the dashboard
    gateways.stripe.webhook_secret = TEST_WEBHOOK_SECRET
    product = stocked_product(2, name="ESP E-II Horizon", price=21_000_000)
    page.set_viewport_size({"width": 360, "height": 800})
    to_checkout(page, live_url, product)

    place(page, service, "stripe")
    page.wait_for_url(re.compile(re.escape(gateways.stripe.url) + r"/pay/cs_test_"))
    order = Order.objects.latest("id")
    assert Payment.objects.get(order=order).status == PaymentStatus.PENDING

    # The buyer goes back without paying: the order page is honest about it and offers "Pay now".
    page.click("[data-fake-cancel]")
    page.wait_for_url(re.compile(re.escape(order.get_absolute_url()) + "$"))
    expect(page.locator("[data-payment-deadline]")).to_contain_text("WIB")
    expect(page.locator("[data-pay-now]")).to_be_visible()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    screenshot("payments-04-pending-order-360")
    fits_the_screen(page)
    axe_check("pending order 360")
    page.add_init_script("localStorage.setItem('hurtrock-theme', 'dark')")
    page.reload()
    screenshot("payments-05-pending-order-360-dark")
    axe_check("pending order 360 dark")

    # "Continue payment" resumes the same Checkout Session; paying sends the signed webhook.
    page.click("[data-pay-now]")
    page.wait_for_url(re.compile(re.escape(gateways.stripe.url) + r"/pay/cs_test_"))
    assert len(gateways.stripe.sessions) == 1
    page.click("[data-fake-pay]")
    page.wait_for_url(re.compile(re.escape(order.get_absolute_url()) + "$"))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert gateways.stripe.deliveries == [("checkout.session.completed", 200)]
    expect(page.locator("[data-timeline] [data-event='paid']")).to_have_count(1)
    screenshot("payments-06-stripe-paid-360-dark")
    axe_check("order paid through Stripe")
