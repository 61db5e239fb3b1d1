"""The buyer's own order pages in a real Chromium at 360 and 1280 px, light and dark: nothing cut off
(page and money cells), pagination on one line, cancel after confirmation, "Order received", axe."""

import pytest
from django.utils import timezone

from conftest import login_in_browser
from hurtrock.testing.factories import PASSWORD, CompleteProfileUserFactory
from orders.models import Order, OrderStatus
from orders.services import order_mark_paid, order_mark_shipped
from orders.tests.factories import order_for, stocked_product, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = """() => {
  const root = document.documentElement;
  const cut = [...document.querySelectorAll('[data-money]')].filter(
    (el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > root.clientWidth + 1
  ).map((el) => el.textContent);
  return {page: root.scrollWidth <= root.clientWidth, cut};
}"""


def _assert_fits(page, label):
    result = page.evaluate(NO_OVERFLOW)
    assert result["page"], f"{label}: the page scrolls sideways"
    assert result["cut"] == [], f"{label}: money cut off: {result['cut']}"


def _one_line(page, selector) -> bool:
    return page.evaluate(
        """(sel) => { const items = [...document.querySelectorAll(sel + ' .page-item')];
        return new Set(items.map((el) => Math.round(el.getBoundingClientRect().top))).size === 1; }""",
        selector,
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_order_pages_fit_and_buyer_acts_on_them(page, live_url, screenshot, axe_check, theme, width):
    user = verified(CompleteProfileUserFactory(email=f"buyer-{theme}-{width}@example.com"))
    expensive = stocked_product(
        20, name="Gibson Les Paul Custom Shop 1959 Reissue Murphy Lab Heavy Aged", price=189_900_000
    )
    for _ in range(11):
        order_for(user=user, items=[(expensive, 1)])
    shipped = order_for(user=user, items=[(expensive, 1)])
    order_mark_paid(order=shipped)
    order_mark_shipped(order=shipped, courier="JNE", tracking_number="JNE1234567890123")
    pending = Order.objects.filter(user=user, status=OrderStatus.PENDING).order_by("-created_at").first()

    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(f"localStorage.setItem('hurtrock-theme', '{theme}')")
    login_in_browser(page, live_url, user.email, PASSWORD)

    page.goto(f"{live_url}/orders/")
    _assert_fits(page, f"order list {width} {theme}")
    assert _one_line(page, "[data-pagination]"), "pagination wraps"
    screenshot(f"orders-self-list-{width}-{theme}")
    axe_check(f"order list {width} {theme}")

    page.goto(f"{live_url}{shipped.get_absolute_url()}")
    _assert_fits(page, f"order detail {width} {theme}")
    assert page.locator("[data-tracking-link]").get_attribute("href").startswith("https://www.jne.co.id/")
    screenshot(f"orders-self-shipped-{width}-{theme}")
    axe_check(f"shipped order {width} {theme}")
    page.click("[data-confirm-receipt]")
    page.wait_for_load_state("networkidle")
    assert Order.objects.get(pk=shipped.pk).status == OrderStatus.DELIVERED

    page.goto(f"{live_url}{pending.get_absolute_url()}")
    _assert_fits(page, f"pending order {width} {theme}")
    axe_check(f"pending order {width} {theme}")
    page.click("[data-cancel-order]")
    page.wait_for_load_state("networkidle")
    assert Order.objects.get(pk=pending.pk).status == OrderStatus.PENDING  # asked first
    _assert_fits(page, f"cancel confirmation {width} {theme}")
    screenshot(f"orders-self-cancel-confirm-{width}-{theme}")
    axe_check(f"cancel confirmation {width} {theme}")
    page.click("[data-confirm-cancel]")
    page.wait_for_load_state("networkidle")
    pending.refresh_from_db()
    assert pending.status == OrderStatus.CANCELLED and pending.cancelled_at <= timezone.now()
