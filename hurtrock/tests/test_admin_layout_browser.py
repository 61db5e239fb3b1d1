"""The admin fits its screen: lists at 1280 px show every column, the dashboard and the order page
work at 360 px, object tools and the danger buttons pass axe's contrast check in both themes."""

import re

import pytest
from django.utils import timezone

from hurtrock.testing.factories import PASSWORD, AdminFactory
from inventory.tests.factories import stocked_product
from orders.models import Order, OrderStatus
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _data():
    guitar = stocked_product(
        2, name="Fender Player Stratocaster HSS Pau Ferro", price=12_500_000, low_stock_threshold=3
    )
    bass = stocked_product(20, name="Ibanez SR300E Bass", price=2_049_000)
    orders = []
    for items in ([(guitar, 1)], [(bass, 2)]):
        order = order_for(items=items)
        order_mark_paid(order=order)
        orders.append(order)
    Order.objects.filter(pk=orders[0].pk).update(
        status=OrderStatus.SHIPPED, tracking_number="JNE0123456789012", shipped_at=timezone.now()
    )
    return orders


def _sign_in(page, live_url):
    admin = AdminFactory(name="Admin Toko")
    page.goto(f"{live_url}/admin/login/")
    page.fill("input[name=username]", admin.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")


def _columns_visible(page, columns):
    width = page.evaluate("document.documentElement.clientWidth")
    for column in columns:
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box is not None, column
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (column, box, width)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_lists_fit_1280_px_with_money_formatted_and_accessible(page, live_url, screenshot, axe_check, theme):
    orders = _data()
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_url)
    page.evaluate(f"localStorage.setItem('theme', '{theme}')")

    pages = [
        ("orders/order/", ["total_display", "shipping_courier", "tracking_number", "status"]),
        ("catalog/product/", ["price_display", "stock_quantity", "stock_state", "is_featured", "is_active"]),
        (
            "inventory/lowstockproduct/",
            ["stock_quantity", "low_stock_threshold", "supplier", "on_order", "adjust_link"],
        ),
    ]
    for path, columns in pages:
        page.goto(f"{live_url}/admin/{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == theme
        assert page.evaluate(NO_OVERFLOW), path
        _columns_visible(page, columns)
        screenshot(f"admin-{path.replace('/', '-')}{theme}")
        axe_check(f"{path} ({theme})")
    page.goto(f"{live_url}/admin/catalog/product/")
    assert "Rp 2.049.000" in page.locator("#result_list").inner_text().replace("\xa0", " ")
    page.goto(f"{live_url}/admin/orders/order/")
    assert re.search(r"Rp \d{1,3}(\.\d{3})+", page.locator("#result_list td.field-total_display").first.inner_text())
    align = page.evaluate("getComputedStyle(document.querySelector('#result_list td.field-total_display')).textAlign")
    assert align == "right"

    # The order page: object tools (label, tracking page, history) and the red "Cancel order…".
    page.goto(f"{live_url}/admin/orders/order/{orders[1].pk}/change/")
    danger = page.locator("a.hr-danger[data-transition=cancelled]")
    assert danger.is_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('a.hr-danger')).backgroundColor") == "rgb(179, 38, 30)"
    )
    axe_check(f"order page ({theme})")
    danger.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#cancel-confirm-form button.hr-danger").is_visible()
    screenshot(f"admin-order-cancel-confirm-{theme}")
    axe_check(f"cancel confirmation ({theme})")
    page.locator("#cancel-confirm-form button.hr-danger").click()
    page.wait_for_load_state("networkidle")
    assert Order.objects.get(pk=orders[1].pk).status == OrderStatus.CANCELLED


def test_dashboard_and_order_page_at_360_px(page, live_url, screenshot):
    orders = _data()
    page.set_viewport_size({"width": 360, "height": 780})
    _sign_in(page, live_url)

    page.goto(f"{live_url}/admin/")
    page.wait_for_load_state("networkidle")
    number = page.locator(".hr-panel-wide th[scope=row] a").first
    box = number.bounding_box()
    assert box["height"] < 30, box  # one line, not one character per line
    assert page.evaluate(NO_OVERFLOW)
    screenshot("admin-dashboard-360")

    page.goto(f"{live_url}/admin/orders/order/{orders[1].pk}/change/")
    assert page.locator("a.hr-danger").is_visible()
    screenshot("admin-order-360")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_reports_and_performance_pages(page, live_url, screenshot, axe_check, theme):
    _data()
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_url)
    page.evaluate(f"localStorage.setItem('theme', '{theme}')")

    page.goto(f"{live_url}/admin/reports/salesreport/add/")
    page.select_option("select[name=preset]", "this_month")
    screenshot(f"admin-report-request-{theme}")
    axe_check(f"report request ({theme})")
    page.click("#report-form input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("a[data-download]").count() == 1
    assert page.evaluate(NO_OVERFLOW)
    screenshot(f"admin-reports-{theme}")
    axe_check(f"reports list ({theme})")

    page.goto(f"{live_url}/admin/reports/salesreport/performance/")
    assert page.locator("#result_list tbody tr").count() == 2
    assert page.evaluate(NO_OVERFLOW)
    screenshot(f"admin-performance-{theme}")
    axe_check(f"product performance ({theme})")
