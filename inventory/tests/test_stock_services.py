import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import translation

from catalog.models import Product
from hurtrock.testing.factories import StaffFactory
from inventory.errors import InsufficientStock, InventoryError
from inventory.models import StockMovement
from inventory.selectors import products_low_stock, stock_ledger_differences
from inventory.services import stock_adjust, stock_record_opening_balances, stock_release, stock_reserve
from inventory.tests.factories import ProductFactory, SupplierFactory, stocked_product

pytestmark = pytest.mark.django_db


def ledger_sum(product) -> int:
    return StockMovement.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] or 0


def test_reserve_decrements_stock_and_writes_one_negative_movement_per_line():
    guitar, amp = stocked_product(5), stocked_product(2)
    user = StaffFactory()

    stock_reserve(lines=[(guitar, 2), (amp.pk, 1)], reference="order:HR-2026-AAAAAA", user=user)

    guitar.refresh_from_db()
    amp.refresh_from_db()
    assert (guitar.stock_quantity, amp.stock_quantity) == (3, 1)
    sales = StockMovement.objects.filter(reason=StockMovement.Reason.SALE).order_by("product_id")
    assert [(m.product_id, m.quantity, m.reference, m.user) for m in sales] == [
        (guitar.pk, -2, "order:HR-2026-AAAAAA", user),
        (amp.pk, -1, "order:HR-2026-AAAAAA", user),
    ]
    assert not stock_ledger_differences().exists()


def test_reserve_refreshes_the_instances_passed_in():
    guitar = stocked_product(5)

    stock_reserve(lines=[(guitar, 2)], reference="order:X")

    assert guitar.stock_quantity == 3


def test_reserve_sums_the_same_product_given_twice():
    guitar = stocked_product(5)

    stock_reserve(lines=[(guitar, 2), (guitar.pk, 3)], reference="order:X")

    guitar.refresh_from_db()
    assert guitar.stock_quantity == 0
    assert StockMovement.objects.filter(reason="sale").get().quantity == -5


def test_reserve_short_on_one_line_changes_nothing_and_names_the_product():
    plenty, scarce = stocked_product(10, name="Fender Stratocaster"), stocked_product(1, name="Marshall JCM800")

    with pytest.raises(InsufficientStock) as caught:
        stock_reserve(lines=[(plenty, 3), (scarce, 2)], reference="order:X")

    assert caught.value.product.pk == scarce.pk
    assert (caught.value.requested, caught.value.available) == (2, 1)
    with translation.override("en"):
        assert "Marshall JCM800" in str(caught.value) and "1" in str(caught.value)
    plenty.refresh_from_db()
    assert plenty.stock_quantity == 10
    assert not StockMovement.objects.filter(reason="sale").exists()


def test_out_of_stock_message_says_so():
    empty = stocked_product(0, name="Gibson Les Paul")

    with pytest.raises(InsufficientStock) as caught:
        stock_reserve(lines=[(empty, 1)], reference="order:X")

    with translation.override("en"):
        assert str(caught.value) == "Gibson Les Paul is out of stock."


def test_reserve_joins_the_callers_transaction():
    guitar = stocked_product(5)

    with pytest.raises(RuntimeError), transaction.atomic():
        stock_reserve(lines=[(guitar, 2)], reference="order:X")
        raise RuntimeError("checkout failed after reserving")

    guitar.refresh_from_db()
    assert guitar.stock_quantity == 5
    assert ledger_sum(guitar) == 5


@pytest.mark.parametrize("quantity", [0, -1, 1.5, True])
def test_reserve_refuses_non_positive_or_non_integer_quantities(quantity):
    guitar = stocked_product(5)

    with pytest.raises(InventoryError):
        stock_reserve(lines=[(guitar, quantity)], reference="order:X")

    guitar.refresh_from_db()
    assert guitar.stock_quantity == 5


def test_reserve_unknown_product_id_is_an_inventory_error():
    with pytest.raises(InventoryError):
        stock_reserve(lines=[(999_999, 1)], reference="order:X")


def test_release_gives_stock_back_as_cancellation():
    guitar = stocked_product(5)
    stock_reserve(lines=[(guitar, 4)], reference="order:X")

    stock_release(lines=[(guitar, 4)], reference="order:X")

    guitar.refresh_from_db()
    assert guitar.stock_quantity == 5
    assert list(StockMovement.objects.filter(product=guitar).values_list("reason", "quantity").order_by("id")) == [
        ("opening", 5),
        ("sale", -4),
        ("cancellation", 4),
    ]


def test_adjust_writes_a_signed_movement_with_note_and_user():
    guitar = stocked_product(5)
    staff = StaffFactory()

    movement = stock_adjust(product=guitar, quantity=-2, reason="adjustment", note="Dented in the shop", user=staff)

    assert (movement.quantity, movement.reason, movement.note, movement.user) == (
        -2,
        "adjustment",
        "Dented in the shop",
        staff,
    )
    assert guitar.stock_quantity == 3
    assert ledger_sum(guitar) == 3


def test_adjust_below_zero_is_insufficient_stock():
    guitar = stocked_product(1)

    with pytest.raises(InsufficientStock):
        stock_adjust(product=guitar, quantity=-2, reason="adjustment", note="Count")

    guitar.refresh_from_db()
    assert guitar.stock_quantity == 1


@pytest.mark.parametrize(
    ("quantity", "reason", "note"),
    [(0, "adjustment", "x"), (1, "adjustment", "  "), (1, "sale", "x"), (1, "bogus", "x")],
)
def test_adjust_refuses_zero_blank_note_and_wrong_reason(quantity, reason, note):
    guitar = stocked_product(1)

    with pytest.raises(InventoryError):
        stock_adjust(product=guitar, quantity=quantity, reason=reason, note=note)

    assert StockMovement.objects.filter(product=guitar).count() == 1


def test_opening_balances_make_the_ledger_explain_existing_stock_once():
    a, b, c = ProductFactory(stock_quantity=7), ProductFactory(stock_quantity=0), ProductFactory(stock_quantity=2)
    StockMovement.objects.create(product=c, quantity=2, reason="restock")

    written = stock_record_opening_balances()

    assert written == 1
    assert ledger_sum(a) == 7 and ledger_sum(b) == 0 and ledger_sum(c) == 2
    assert stock_record_opening_balances() == 0
    assert not stock_ledger_differences().exists()


def test_ledger_differences_find_a_product_changed_behind_the_ledgers_back():
    guitar = stocked_product(5)
    Product.objects.filter(pk=guitar.pk).update(stock_quantity=9)

    (diff,) = stock_ledger_differences()

    assert (diff.pk, diff.stock_quantity, diff.ledger_quantity) == (guitar.pk, 9, 5)


def test_database_refuses_negative_stock_and_zero_movements():
    guitar = stocked_product(1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=guitar.pk).update(stock_quantity=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockMovement.objects.create(product=guitar, quantity=0, reason="adjustment")


def test_movements_are_append_only():
    guitar = stocked_product(1)
    movement = StockMovement.objects.get(product=guitar)

    movement.quantity = 100
    with pytest.raises(ValueError):
        movement.save()


def test_low_stock_selector_lists_active_products_at_or_under_threshold_without_parents():
    supplier = SupplierFactory()
    at = stocked_product(3, low_stock_threshold=3, supplier=supplier)
    under = stocked_product(0, low_stock_threshold=3)
    stocked_product(4, low_stock_threshold=3)
    stocked_product(0, is_active=False)
    parent = stocked_product(0)
    ProductFactory(parent=parent, stock_quantity=10)

    low = list(products_low_stock())

    assert low == [under, at]
    assert low[1].preferred_supplier_id == supplier.pk and low[1].preferred_supplier_name == supplier.name


def test_low_stock_selector_is_one_query(django_assert_num_queries):
    for _ in range(5):
        stocked_product(0, supplier=SupplierFactory())

    with django_assert_num_queries(1):
        names = [(p.category.name, p.preferred_supplier_name) for p in products_low_stock()]

    assert len(names) == 5
