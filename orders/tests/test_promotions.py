"""Vouchers, sale prices and flash quotas through the real services (PostgreSQL or SQLite)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Product
from catalog.tests.factories import CategoryFactory
from hurtrock.testing.factories import CompleteProfileUserFactory
from inventory.errors import InsufficientStock
from orders.errors import PriceChanged, PromotionUnavailable, VoucherRefused
from orders.models import FlashSaleUse, Order, Voucher, VoucherUse
from orders.services import order_cancel, order_expire_if_unpaid, order_mark_paid
from orders.services.promotions import VoucherRefusal
from orders.tests.factories import stocked_product
from orders.tests.promotions_helpers import flash, on_sale, place, voucher

pytestmark = pytest.mark.django_db


def refusal_of(**kwargs) -> str:
    with pytest.raises(VoucherRefused) as caught:
        place(**kwargs)
    assert caught.value.message  # a sentence for the buyer
    return caught.value.reason


# --- Refusals: each reason --------------------------------------------------------------------------
def test_each_refusal_reason():
    guitar = stocked_product(20, price=1_000_000)
    now = timezone.now()
    voucher(code="OFF", is_active=False)
    voucher(code="SOON", starts_at=now + timedelta(days=1))
    voucher(code="OLD", ends_at=now - timedelta(seconds=1))
    voucher(code="BIG", min_subtotal=5_000_000)
    voucher(code="GONE", usage_limit=1, times_used=1)
    voucher(code="DRUMS").categories.set([CategoryFactory()])
    once = voucher(code="ONCE", per_buyer_limit=1)
    buyer = CompleteProfileUserFactory()
    place(items=[(guitar, 1)], user=buyer, voucher_code="once")

    assert refusal_of(items=[(guitar, 1)], voucher_code="NOPE") == VoucherRefusal.UNKNOWN
    assert refusal_of(items=[(guitar, 1)], voucher_code="OFF") == VoucherRefusal.INACTIVE
    assert refusal_of(items=[(guitar, 1)], voucher_code="SOON") == VoucherRefusal.NOT_YET_VALID
    assert refusal_of(items=[(guitar, 1)], voucher_code="OLD") == VoucherRefusal.EXPIRED
    assert refusal_of(items=[(guitar, 1)], voucher_code="BIG") == VoucherRefusal.MINIMUM_NOT_MET
    assert refusal_of(items=[(guitar, 1)], voucher_code="GONE") == VoucherRefusal.USED_UP
    assert refusal_of(items=[(guitar, 1)], voucher_code="DRUMS") == VoucherRefusal.NOT_ELIGIBLE
    assert refusal_of(items=[(guitar, 1)], user=buyer, voucher_code="ONCE") == VoucherRefusal.BUYER_LIMIT
    # Nothing was written by the refused attempts: one order, one use, stock down by one.
    assert Order.objects.count() == 1 and VoucherUse.objects.get().voucher == once
    guitar.refresh_from_db()
    assert guitar.stock_quantity == 19


def test_voucher_window_edges_in_jakarta_time():
    guitar = stocked_product(5, price=1_000_000)
    now = timezone.now()
    voucher(code="EDGE", starts_at=now - timedelta(seconds=1), ends_at=now + timedelta(minutes=5))

    order = place(items=[(guitar, 1)], voucher_code=" edge ")

    assert order.voucher_code == "EDGE" and order.discount == 100_000


# --- Amounts: cap, rounding, never negative ----------------------------------------------------------
def test_percentage_rounds_down_to_whole_rupiah_and_respects_the_cap():
    pick = stocked_product(50, price=9_999)
    amp = stocked_product(5, price=4_000_000)
    voucher(code="P15", value=15)
    voucher(code="CAP", value=50, max_discount=250_000)

    small = place(items=[(pick, 3)], voucher_code="P15")  # 15 % of 29,997 = 4,499.55
    capped = place(items=[(amp, 1)], voucher_code="CAP")

    assert small.discount == 4_499
    assert small.total == small.subtotal + small.shipping_cost - 4_499
    assert capped.discount == 250_000


def test_a_fixed_voucher_never_takes_more_than_the_items_and_free_shipping_never_below_zero():
    pick = stocked_product(50, price=20_000, weight_grams=50)
    voucher(code="FIX", kind="fixed", value=5_000_000)
    voucher(code="SHIP", kind="free_shipping", value=1_000_000)
    voucher(code="SHIP5", kind="free_shipping", value=5_000)

    fixed = place(items=[(pick, 1)], voucher_code="FIX")
    free = place(items=[(pick, 1)], voucher_code="SHIP")
    partly = place(items=[(pick, 1)], voucher_code="SHIP5")

    assert fixed.discount == 20_000 and fixed.total == fixed.shipping_cost
    assert free.discount == free.shipping_cost and free.total == free.subtotal
    assert partly.discount == 5_000 and partly.total == partly.subtotal + partly.shipping_cost - 5_000


def test_the_database_refuses_an_order_whose_total_is_not_subtotal_plus_shipping_minus_discount():
    order = place(items=[(stocked_product(5, price=100_000), 1)])

    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(discount=1)


# --- Eligibility ------------------------------------------------------------------------------------
def test_eligibility_by_category_includes_sub_categories_and_discounts_only_eligible_lines():
    guitars = CategoryFactory(name="Guitars")
    electric = CategoryFactory(name="Electric", parent=guitars)
    drums = CategoryFactory(name="Drums")
    strat = stocked_product(5, price=2_000_000, category=electric, name="Strat")
    snare = stocked_product(5, price=1_000_000, category=drums, name="Snare")
    voucher(code="GTR", value=10).categories.set([guitars])

    order = place(items=[(strat, 1), (snare, 1)], voucher_code="GTR")

    assert order.discount == 200_000  # 10 % of the guitar only
    assert "Strat" in order.discount_description and "Snare" not in order.discount_description


def test_eligibility_by_brand_and_by_product():
    fender = stocked_product(5, price=1_000_000, brand="Fender")
    boss = stocked_product(5, price=500_000, brand="Boss")
    voucher(code="FENDER", kind="fixed", value=50_000, brands="fender, Gibson")
    voucher(code="BOSS", kind="fixed", value=20_000).products.set([boss])

    assert place(items=[(fender, 1), (boss, 1)], voucher_code="FENDER").discount == 50_000
    assert place(items=[(fender, 1), (boss, 1)], voucher_code="BOSS").discount == 20_000
    assert refusal_of(items=[(fender, 1)], voucher_code="BOSS") == VoucherRefusal.NOT_ELIGIBLE


def test_minimum_subtotal_counts_the_sale_price_not_the_list_price():
    guitar = on_sale(stocked_product(5, price=1_000_000), price=800_000)
    voucher(code="MIN900", kind="fixed", value=50_000, min_subtotal=900_000)

    assert refusal_of(items=[(guitar, 1)], voucher_code="MIN900") == VoucherRefusal.MINIMUM_NOT_MET


# --- Sale prices --------------------------------------------------------------------------------
def test_the_sale_price_is_charged_while_the_sale_runs():
    guitar = on_sale(stocked_product(5, price=1_000_000), price=750_000)

    order = place(items=[(guitar, 2)])

    line = order.lines.get()
    assert line.unit_price == 750_000 and order.subtotal == 1_500_000


def test_a_sale_ending_between_cart_and_order_is_refused_with_the_new_price_then_charged_correctly():
    guitar = on_sale(stocked_product(5, price=1_000_000), price=750_000)
    shown = {guitar.pk: 750_000}  # what the checkout page showed
    Product.objects.filter(pk=guitar.pk).update(sale_ends_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(PriceChanged) as caught:
        place(items=[(guitar, 1)], shown_prices=shown)
    assert "1.000.000" in caught.value.message and Order.objects.count() == 0

    order = place(items=[(guitar, 1)], shown_prices={guitar.pk: 1_000_000})
    assert order.subtotal == 1_000_000


# --- Flash quotas -------------------------------------------------------------------------------
def test_flash_units_are_taken_at_placement_and_refused_beyond_the_quota():
    pick = flash(stocked_product(20, price=100_000), price=60_000, quota=3)

    first = place(items=[(pick, 2)])
    with pytest.raises(PromotionUnavailable) as caught:
        place(items=[(pick, 2)])

    assert isinstance(caught.value, InsufficientStock)  # views handle it like "sold out"
    assert first.lines.get().unit_price == 60_000
    pick.refresh_from_db()
    assert pick.flash_units_sold == 2 and pick.stock_quantity == 18
    # One unit is left at the flash price; two would now be charged at the list price.
    assert place(items=[(pick, 1)]).lines.get().unit_price == 60_000
    assert place(items=[(pick, 2)]).lines.get().unit_price == 100_000


def test_cancellation_gives_the_voucher_use_and_the_flash_units_back_once():
    pick = flash(stocked_product(20, price=100_000), price=60_000, quota=3)
    code = voucher(code="ONE", kind="fixed", value=10_000, usage_limit=1)
    order = place(items=[(pick, 2)], voucher_code="ONE")
    code.refresh_from_db()
    assert code.times_used == 1

    order_cancel(order=order, note="buyer asked")
    with pytest.raises(Exception):
        order_cancel(order=order)  # a second cancel is refused by the pipeline

    code.refresh_from_db()
    pick.refresh_from_db()
    assert code.times_used == 0 and pick.flash_units_sold == 0
    assert VoucherUse.objects.get().released_at is not None
    assert FlashSaleUse.objects.get().released_at is not None
    # The use is free again for someone else.
    assert place(items=[(pick, 1)], voucher_code="ONE").discount == 10_000


def test_expiry_gives_back_and_a_late_payment_takes_again():
    pick = flash(stocked_product(20, price=100_000), price=60_000, quota=3)
    code = voucher(code="LATE", kind="fixed", value=10_000, usage_limit=5)
    order = place(items=[(pick, 1)], voucher_code="LATE")

    assert order_expire_if_unpaid(order_id=order.pk, now=order.payment_due_at + timedelta(seconds=1))
    code.refresh_from_db()
    pick.refresh_from_db()
    assert (code.times_used, pick.flash_units_sold) == (0, 0)

    order.refresh_from_db()
    order_mark_paid(order=order, note="paid after the deadline")
    code.refresh_from_db()
    pick.refresh_from_db()
    assert (code.times_used, pick.flash_units_sold) == (1, 1)
    assert VoucherUse.objects.get().released_at is None


def test_a_new_flash_sale_does_not_receive_units_given_back_from_an_old_one():
    pick = flash(stocked_product(20, price=100_000), price=60_000, quota=3)
    order = place(items=[(pick, 1)])
    pick.refresh_from_db()
    from catalog.services import product_save

    pick.flash_starts_at = timezone.now() - timedelta(seconds=5)  # staff start a new flash sale
    product_save(product=pick)
    place(items=[(pick, 2)])

    order_cancel(order=order)

    pick.refresh_from_db()
    assert pick.flash_units_sold == 2


def test_voucher_totals_reach_the_gateway_lines():
    from payments.gateways.base import order_payment_lines

    order = place(items=[(stocked_product(5, price=1_000_000), 1)], voucher_code=voucher(code="GW").code)

    lines = order_payment_lines(order)

    assert lines[-1].code == "DISCOUNT" and lines[-1].unit_price == -100_000
    assert sum(line.total for line in lines) == order.total


def test_voucher_code_is_stored_uppercase_and_unique():
    voucher(code="mixed")
    assert Voucher.objects.get().code == "MIXED"
    with pytest.raises(IntegrityError), transaction.atomic():
        voucher(code="MIXED")
