"""Every back-office page of #10 in a real Chromium, in both admin themes: axe finds no serious or
critical violation on the dashboard, the order list, an order, the cancel confirmation, the product
and low-stock lists, the reports page, product performance, the user list and a user's page.
Screenshots of the dashboard, reports and performance pages go to artifacts/screenshots/."""

import pytest

from hurtrock.testing.factories import PASSWORD, AdminFactory, UserFactory
from inventory.tests.factories import stocked_product
from orders.services import order_mark_paid
from orders.tests.factories import order_for
from reports.models import SalesReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    guitar = stocked_product(2, name="Fender Player Stratocaster", price=12_500_000, low_stock_threshold=3)
    bass = stocked_product(20, name="Ibanez SR300E Bass", price=2_049_000)
    paid = order_for(items=[(guitar, 1)])
    order_mark_paid(order=paid)
    pending = order_for(items=[(bass, 2)])
    return paid, pending


def _errors(page):
    errors = []
    page.on("console", lambda m: errors.append((m.text, m.location.get("url"))) if m.type == "error" else None)
    return errors


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_back_office_page_is_axe_clean_in_both_themes(page, live_url, screenshot, axe_check, theme):
    paid, pending = _data()
    admin = AdminFactory(name="Admin Toko")
    buyer = UserFactory(name="Budi Santoso")
    errors = _errors(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/admin/login/")
    page.fill("input[name=username]", admin.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    page.evaluate(f"localStorage.setItem('theme', '{theme}')")

    def visit(path, label):
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == theme, label
        axe_check(f"{label} ({theme})")

    # The dashboard: both charts drawn, today vs last week, orders by status linking to the list.
    page.goto(f"{live_url}/admin/")
    page.wait_for_function(
        "window.Chart && Chart.getChart(document.getElementById('hr-sales-chart'))"
        " && Chart.getChart(document.getElementById('hr-months-chart'))"
    )
    assert page.evaluate("Chart.getChart(document.getElementById('hr-months-chart')).data.labels.length") == 12
    assert page.locator("#hr-sales-vs-last-week .hr-stat-value").inner_text().startswith("+")
    assert page.locator(".hr-status-link[data-status=pending] .hr-status-count").inner_text() == "1"
    screenshot(f"back-office-dashboard-{theme}")
    axe_check(f"dashboard ({theme})")
    page.click(".hr-status-link[data-status=pending]")
    page.wait_for_load_state("networkidle")
    assert "status__exact=pending" in page.url
    assert page.locator("#result_list tbody tr").count() == 1
    axe_check(f"order list filtered on a status ({theme})")

    visit("/admin/orders/order/", "order list")
    visit(f"/admin/orders/order/{pending.pk}/change/", "order page")
    page.click("a.hr-danger[data-transition=cancelled]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#cancel-confirm-form button.hr-danger").is_visible()
    axe_check(f"cancel confirmation ({theme})")

    visit("/admin/catalog/product/", "product list")
    visit("/admin/inventory/lowstockproduct/", "low-stock list")

    visit("/admin/reports/salesreport/add/", "report request")
    page.select_option("select[name=preset]", "this_month")
    page.click("#report-form input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert SalesReport.objects.count() == 1
    screenshot(f"back-office-reports-{theme}")
    axe_check(f"reports page ({theme})")

    visit("/admin/reports/salesreport/performance/", "product performance")
    screenshot(f"back-office-performance-{theme}")

    visit("/admin/hurtrock/user/", "user list")
    visit(f"/admin/hurtrock/user/{buyer.pk}/change/", "user page")
    assert not errors, errors  # no CSP refusal, no script error on any page
