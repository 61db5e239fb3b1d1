"""The dashboard in a real Chromium: the chart is drawn (no CSP error), light and dark, axe-clean."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hurtrock.testing.factories import PASSWORD, AdminFactory
from inventory.tests.factories import stocked_product
from orders.models import Order
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _some_sales():
    """Orders paid over the last days (moved back with update), one pending, a low-stock guitar."""
    guitar = stocked_product(6, name="Fender Player Stratocaster", price=12_500_000, low_stock_threshold=3)
    bass = stocked_product(20, name="Ibanez SR300E Bass", price=4_750_000)
    for days_ago, items in [
        (0, [(guitar, 1)]),
        (0, [(bass, 2)]),
        (3, [(bass, 1)]),
        (9, [(guitar, 2)]),
        (20, [(bass, 3)]),
    ]:
        order = order_for(items=items)
        order_mark_paid(order=order)
        Order.objects.filter(pk=order.pk).update(paid_at=timezone.now() - timedelta(days=days_ago))
    order_for(items=[(stocked_product(1, name="Boss DS-1 Distortion", price=950_000), 1)])


def _keep_error(errors, message):
    """Console errors: CSP refusals, script errors, missing files (the favicon included)."""
    if message.type == "error":
        errors.append((message.text, message.location.get("url")))


def _sign_in_to_admin(page, live_url, email):
    page.goto(f"{live_url}/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")


def test_admin_dashboard_light_and_dark(page, live_url, screenshot, axe_check):
    _some_sales()
    admin = AdminFactory(name="Admin Toko")
    errors = []
    page.on("console", lambda message: _keep_error(errors, message))
    page.set_viewport_size({"width": 1280, "height": 900})

    _sign_in_to_admin(page, live_url, admin.email)

    assert page.url.rstrip("/").endswith("/admin")
    page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('hr-sales-chart'))")
    assert page.evaluate("Chart.getChart(document.getElementById('hr-sales-chart')).data.datasets[0].data.length") == 30
    assert page.locator("#hr-sales-today .hr-stat-value").inner_text().startswith("Rp")
    assert page.locator(".hr-panel-wide .hr-badge").count() == 6  # the recent orders
    assert page.locator(".hr-status-link").count() == 7  # orders by status: every status
    assert not errors, errors  # no CSP violation, no script error
    screenshot("dashboard-admin-index-light")
    axe_check("admin dashboard, light")

    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_timeout(100)
    bar = page.evaluate("Chart.getChart(document.getElementById('hr-sales-chart')).data.datasets[0].backgroundColor")
    assert bar.upper() == "#FF8C42"
    screenshot("dashboard-admin-index-dark")
    axe_check("admin dashboard, dark")
