"""Who may see and do what in the inventory and shipping back office: anonymous, buyer, staff without
the permissions, staff (Staff group) and admin. Asserts no data leaks and no write, not only codes."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from inventory.models import RestockReceipt, StockMovement
from inventory.services import restock_order_mark_ordered
from inventory.tests.factories import RestockOrderLineFactory, SupplierFactory, stocked_product

pytestmark = pytest.mark.django_db


def staff_without_permissions():
    user = StaffFactory()
    user.groups.clear()
    return user


ROLES = {
    "anonymous": None,
    "buyer": UserFactory,
    "staff_without_permissions": staff_without_permissions,
    "staff": StaffFactory,
    "admin": AdminFactory,
}
ALLOWED = {"staff", "admin"}


@pytest.fixture
def data():
    supplier = SupplierFactory(name="PT Rahasia Pemasok")
    line = RestockOrderLineFactory(order__supplier=supplier, product=stocked_product(1, name="Jackson Rhoads Secret"))
    restock_order_mark_ordered(order=line.order)
    return {"supplier": supplier, "line": line, "order": line.order, "product": line.product}


def client_as(client, role):
    factory = ROLES[role]
    if factory is not None:
        client.force_login(factory())
    return client


def pages(data):
    order = data["order"]
    return {
        reverse("admin:inventory_supplier_changelist"): "PT Rahasia Pemasok",
        reverse("admin:inventory_supplier_change", args=[data["supplier"].pk]): "PT Rahasia Pemasok",
        reverse("admin:inventory_restockorder_changelist"): order.number,
        reverse("admin:inventory_restockorder_change", args=[order.pk]): "Jackson Rhoads Secret",
        reverse("admin:inventory_restockorder_receive", args=[order.pk]): "Jackson Rhoads Secret",
        reverse("admin:inventory_stockmovement_changelist"): "Jackson Rhoads Secret",
        reverse("admin:inventory_stockmovement_add") + f"?product={data['product'].pk}": "Jackson Rhoads Secret",
        reverse("admin:inventory_lowstockproduct_changelist"): "Jackson Rhoads Secret",
        reverse("admin:shipping_shippingservice_changelist"): "Yakin Esok Sampai",
        reverse("admin:shipping_destination_changelist"): "Gorontalo",
    }


@pytest.mark.parametrize("role", ROLES)
def test_back_office_pages_by_role(client, data, role):
    client = client_as(client, role)

    for url, secret in pages(data).items():
        response = client.get(url, {"all": ""} if "destination" in url else None)
        body = response.content.decode()
        if role in ALLOWED:
            assert response.status_code == 200, url
            assert secret in body, url
        else:
            assert response.status_code in (302, 403), url
            assert secret not in body, url
            if role in ("anonymous", "buyer"):
                assert response.url.startswith(reverse("admin:login")), url


@pytest.mark.parametrize("role", ROLES)
def test_purchase_order_pdf_by_role(client, data, role):
    response = client_as(client, role).get(reverse("admin:inventory_restockorder_pdf", args=[data["order"].pk]))

    if role in ALLOWED:
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    else:
        assert response.status_code in (302, 403)
        assert not response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_stock_adjustment_by_role(client, data, role):
    product = data["product"]

    response = client_as(client, role).post(
        reverse("admin:inventory_stockmovement_add"),
        {"product": product.pk, "quantity": 5, "reason": "adjustment", "note": "Stock count"},
    )

    product.refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 302
        assert product.stock_quantity == 6
    else:
        assert response.status_code in (302, 403)
        assert product.stock_quantity == 1
        assert not StockMovement.objects.filter(reason="adjustment").exists()


@pytest.mark.parametrize("role", ROLES)
def test_restock_receipt_by_role(client, data, role):
    line = data["line"]

    client_as(client, role).post(
        reverse("admin:inventory_restockorder_receive", args=[data["order"].pk]),
        {"key": "k-" + role, f"line_{line.pk}": 4},
    )

    line.product.refresh_from_db()
    if role in ALLOWED:
        assert line.product.stock_quantity == 5
    else:
        assert line.product.stock_quantity == 1
        assert not RestockReceipt.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_low_stock_restock_action_by_role(client, data, role):
    product = stocked_product(0, supplier=SupplierFactory())

    client_as(client, role).post(
        reverse("admin:inventory_lowstockproduct_changelist"),
        {"action": "create_restock_orders", "_selected_action": [product.pk]},
    )

    from inventory.models import RestockOrderLine

    created = RestockOrderLine.objects.filter(product=product).exists()
    assert created == (role in ALLOWED)


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_nobody_edits_or_deletes_the_ledger(client, data, role):
    movement = StockMovement.objects.filter(product=data["product"]).first()
    client = client_as(client, role)

    change = client.post(
        reverse("admin:inventory_stockmovement_change", args=[movement.pk]),
        {"quantity": 100, "reason": "restock"},
    )
    delete = client.post(reverse("admin:inventory_stockmovement_delete", args=[movement.pk]), {"post": "yes"})

    assert change.status_code == 403 and delete.status_code == 403
    movement.refresh_from_db()
    assert movement.quantity == 1
