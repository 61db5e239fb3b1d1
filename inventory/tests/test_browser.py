"""Staff receive a restock delivery and adjust stock in a real Chromium; screenshots and axe checks."""

import pytest

from hurtrock.testing.factories import PASSWORD, StaffFactory
from inventory.models import RestockOrder
from inventory.services import restock_order_mark_ordered
from inventory.tests.factories import RestockOrderLineFactory, SupplierFactory, stocked_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_login(page, base_url, user):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")


def test_staff_receive_a_delivery_and_adjust_stock(page, live_url, screenshot, axe_check):
    staff = StaffFactory()
    supplier = SupplierFactory(name="Yamaha Music Indonesia")
    line = RestockOrderLineFactory(
        order__supplier=supplier,
        quantity_ordered=6,
        product=stocked_product(1, name="Yamaha Pacifica 112V", low_stock_threshold=8),
    )
    restock_order_mark_ordered(order=line.order)
    admin_login(page, live_url, staff)

    page.goto(f"{live_url}/admin/inventory/restockorder/{line.order.pk}/change/")
    screenshot("admin-restock-order")
    page.click(f"a[href$='/{line.order.pk}/receive/']")
    page.fill(f"input[name=line_{line.pk}]", "4")
    axe_check("restock receive form")
    screenshot("admin-restock-receive")
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")

    assert page.locator(".messagelist").is_visible()
    line.product.refresh_from_db()
    assert line.product.stock_quantity == 5
    assert RestockOrder.objects.get().status == "ordered"

    page.goto(f"{live_url}/admin/inventory/lowstockproduct/")
    assert page.get_by_text("Yamaha Pacifica 112V").is_visible()
    axe_check("low-stock list")
    screenshot("admin-low-stock")
    page.goto(f"{live_url}/admin/inventory/stockmovement/add/?product={line.product.pk}")
    page.fill("input[name=quantity]", "-1")
    page.fill("textarea[name=note]", "Scratched body, moved to the B-stock shelf")
    axe_check("stock adjustment form")
    screenshot("admin-stock-adjust")
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")

    line.product.refresh_from_db()
    assert line.product.stock_quantity == 4
    assert "Scratched body" in page.content()
    screenshot("admin-stock-ledger")
