"""Real threads on PostgreSQL, over HTTP: 30 buyers racing for a 5-use voucher and for a 3-unit flash quota."""

import pytest
from django.conf import settings
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from catalog.models import Product
from hurtrock.testing.factories import CompleteProfileUserFactory
from inventory.models import StockMovement
from orders.models import FlashSaleUse, Order, OrderLine, Voucher, VoucherUse
from orders.services import order_cancel
from orders.tests.factories import bank_account_configure, courier_setup, stocked_product
from orders.tests.promotions_helpers import checkout_form, flash, voucher
from orders.tests.test_race import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks need PostgreSQL (CI runs this)"),
    pytest.mark.django_db(transaction=True),
]

BUYERS = 30


def ready_buyer(product, service, **overrides):
    client = Client()
    client.force_login(CompleteProfileUserFactory())
    client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": 1})
    return client, checkout_form(client.get(reverse("orders:checkout")), service, **overrides)


def _winners(responses):
    return [r for r in responses if r.status_code == 302 and r.url.startswith("/orders/")]


def test_thirty_buyers_race_for_a_voucher_limited_to_five_uses():
    _destination, service = courier_setup()
    bank_account_configure()
    product = stocked_product(100, price=1_000_000)
    code = voucher(code="LIMA", kind="fixed", value=100_000, usage_limit=5, per_buyer_limit=1)
    buyers = [ready_buyer(product, service, voucher_code="LIMA") for _ in range(BUYERS)]

    responses, errors, seconds = race(buyers)

    assert errors == []
    winners = _winners(responses)
    assert len(winners) == 5
    refused = [r for r in responses if r.status_code == 200]
    assert len(refused) == BUYERS - 5
    for response in refused:
        assert response.context["form"]["voucher_code"].errors
    code.refresh_from_db()
    assert code.times_used == 5 == VoucherUse.objects.count()
    assert Order.objects.count() == 5 and set(Order.objects.values_list("discount", flat=True)) == {100_000}
    product.refresh_from_db()
    assert product.stock_quantity == 95
    print(f"\nvoucher race: {BUYERS} buyers, 5 uses -> 5 orders with it, {len(refused)} refused, {seconds:.2f} s")

    # Giving one back frees exactly one use.
    order_cancel(order=Order.objects.first())
    assert Voucher.objects.get().times_used == 4


def test_thirty_buyers_race_for_a_flash_quota_of_three_units():
    _destination, service = courier_setup()
    bank_account_configure()
    product = flash(stocked_product(50, price=2_000_000, name="Ibanez RG"), price=999_000, quota=3)
    buyers = [ready_buyer(product, service) for _ in range(BUYERS)]

    responses, errors, seconds = race(buyers)

    assert errors == []
    winners = _winners(responses)
    assert len(winners) == 3
    refused = [r for r in responses if r.status_code == 200]
    assert len(refused) == BUYERS - 3
    for response in refused:
        assert "Ibanez RG" in " ".join(response.context["form"].non_field_errors())
    assert OrderLine.objects.filter(unit_price=999_000).aggregate(units=Sum("quantity"))["units"] == 3
    assert OrderLine.objects.exclude(unit_price=999_000).count() == 0
    product = Product.objects.get(pk=product.pk)
    assert product.flash_units_sold == 3 == FlashSaleUse.objects.aggregate(u=Sum("quantity"))["u"]
    assert product.stock_quantity == 47
    assert StockMovement.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] == 47
    print(
        f"\nflash race: {BUYERS} buyers, quota 3 -> 3 units at the flash price, {len(refused)} refused, {seconds:.2f} s"
    )
