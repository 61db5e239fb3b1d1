"""Vouchers and sale prices over HTTP: cart, checkout, order page, e-mail, admin; query budgets."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from hurtrock.testing.factories import CompleteProfileUserFactory, StaffFactory, UserFactory
from orders.models import Order, Voucher, VoucherUse
from orders.tests.checkout_helpers import fill_cart
from orders.tests.factories import bank_account_configure, courier_setup, stocked_product
from orders.tests.promotions_helpers import checkout_form, flash, on_sale, place, voucher

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    destination, service = courier_setup()
    bank_account_configure()
    return destination, service


@pytest.fixture
def buyer(client):
    user = CompleteProfileUserFactory()
    client.force_login(user)
    return user


def test_a_buyer_applies_a_voucher_in_the_cart_sees_the_total_and_checks_out(
    client, shop, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    guitar = stocked_product(5, price=2_000_000, name="Ibanez RG550")
    voucher(code="ROCK10", value=10, max_discount=150_000, description="10% off, up to Rp 150.000")
    fill_cart(client, [guitar])

    client.post(reverse("orders:cart_voucher_apply"), {"voucher_code": " rock10 "})
    cart = client.get(reverse("orders:cart"))
    html = cart.content.decode()
    assert "data-cart-discount" in html and "150.000" in html and "1.850.000" in html

    page = client.get(reverse("orders:checkout"))
    assert page.context["form"]["voucher_code"].value() == "ROCK10"
    assert page.context["voucher_discount"].amount == 150_000
    assert page.context["total"] == 2_000_000 + page.context["selected_quote"].cost - 150_000
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:checkout"), checkout_form(page, shop[1], voucher_code="ROCK10"))

    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    assert (order.discount, order.voucher_code) == (150_000, "ROCK10")
    assert order.total == 2_000_000 + order.shipping_cost - 150_000
    detail = client.get(order.get_absolute_url()).content.decode()
    assert "data-order-discount" in detail and "ROCK10" in detail and "Ibanez RG550" in detail
    assert "ROCK10" in mailoutbox[0].body and "150.000" in mailoutbox[0].body
    assert "voucher_code" not in client.session  # one voucher, one order


def test_a_refused_voucher_says_why_in_the_cart_and_at_checkout(client, shop, buyer):
    fill_cart(client, [stocked_product(5, price=100_000)])
    voucher(code="BIG", min_subtotal=1_000_000)

    response = client.post(reverse("orders:cart_voucher_apply"), {"voucher_code": "BIG"}, follow=True)
    assert any("1.000.000" in str(m) for m in response.context["messages"])
    assert "voucher_code" not in client.session

    page = client.get(reverse("orders:checkout"))
    response = client.post(reverse("orders:checkout"), checkout_form(page, shop[1], voucher_code="BIG"))
    assert response.status_code == 200 and response.context["form"]["voucher_code"].errors
    assert Order.objects.count() == 0


def test_a_sale_that_ends_between_page_and_order_is_explained_then_charged_at_the_new_price(client, shop, buyer):
    guitar = on_sale(stocked_product(5, price=1_000_000, name="Strat"), price=800_000)
    fill_cart(client, [guitar])
    page = client.get(reverse("orders:checkout"))
    assert page.context["total"] == 800_000 + page.context["selected_quote"].cost
    Product.objects.filter(pk=guitar.pk).update(sale_ends_at=timezone.now() - timedelta(seconds=1))

    response = client.post(reverse("orders:checkout"), checkout_form(page, shop[1]))

    assert response.status_code == 200 and Order.objects.count() == 0
    error = " ".join(response.context["form"].non_field_errors())
    assert "Strat" in error and "1.000.000" in error
    again = client.post(reverse("orders:checkout"), checkout_form(response, shop[1]))
    assert again.status_code == 302 and Order.objects.get().subtotal == 1_000_000


def test_a_flash_quota_sold_out_between_page_and_order_is_explained(client, shop, buyer):
    pick = flash(stocked_product(10, price=500_000, name="Boss DS-1"), price=250_000, quota=1)
    fill_cart(client, [pick])
    page = client.get(reverse("orders:checkout"))
    place(items=[(pick, 1)])  # someone else takes the last flash unit

    response = client.post(reverse("orders:checkout"), checkout_form(page, shop[1]))

    assert response.status_code == 200
    assert "Boss DS-1" in " ".join(response.context["form"].non_field_errors())
    assert Order.objects.count() == 1


# --- Query budgets --------------------------------------------------------------------------------
@pytest.mark.parametrize("lines", [1, 10])
def test_placing_with_a_voucher_query_budget(client, shop, buyer, django_assert_max_num_queries, lines):
    products = [stocked_product(5) for _ in range(lines)]
    voucher(code="BUDGET", value=5).categories.set([products[0].category])
    fill_cart(client, products)
    page = client.get(reverse("orders:checkout"))
    data = checkout_form(page, shop[1], voucher_code="BUDGET")

    with django_assert_max_num_queries(35):
        response = client.post(reverse("orders:checkout"), data)

    assert response.status_code == 302 and VoucherUse.objects.count() == 1


@pytest.mark.parametrize("lines", [1, 10])
def test_cart_and_checkout_pages_keep_their_budgets_with_a_voucher(
    client, shop, buyer, django_assert_max_num_queries, lines
):
    voucher(code="BUDGET", value=5)
    fill_cart(client, [stocked_product(5) for _ in range(lines)])
    client.post(reverse("orders:cart_voucher_apply"), {"voucher_code": "BUDGET"})
    client.get(reverse("orders:cart"))  # the buyer sees the cart first (the store profile is cached from here on)

    with django_assert_max_num_queries(13):  # + the cart line thumbnails (one prefetch)
        checkout = client.get(reverse("orders:checkout"))
    with django_assert_max_num_queries(7):  # + the cart line thumbnails (one prefetch)
        cart = client.get(reverse("orders:cart"))

    assert checkout.context["voucher_discount"] and cart.context["voucher_discount"]


# --- Admin ---------------------------------------------------------------------------------------
def test_voucher_admin_shows_usage_and_makes_single_use_codes_as_csv(client):
    code = voucher(code="PROMO", kind="fixed", value=10_000, usage_limit=10)
    place(items=[(stocked_product(5, price=100_000), 1)], voucher_code="PROMO")
    client.force_login(StaffFactory())

    listing = client.get(reverse("admin:orders_voucher_changelist")).content.decode()
    assert "PROMO" in listing and "1 / 10" in listing and "10.000" in listing

    response = client.post(reverse("admin:orders_voucher_generate", args=[code.pk]), {"count": 25, "prefix": "XMAS"})
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().strip().splitlines()
    assert len(rows) == 26 and all(row.startswith("XMAS-") for row in rows[1:])
    assert Voucher.objects.filter(code__startswith="XMAS-", usage_limit=1, per_buyer_limit=1).count() == 25


@pytest.mark.parametrize("who", ["anonymous", "buyer", "staff_without_permission"])
def test_voucher_admin_is_refused_outside_staff_with_the_permission(client, who):
    code = voucher(code="SECRET")
    if who == "buyer":
        client.force_login(UserFactory())
    elif who == "staff_without_permission":
        staff = StaffFactory()
        staff.groups.clear()
        staff.user_permissions.set(Permission.objects.filter(codename="view_order"))
        client.force_login(staff)

    listing = client.get(reverse("admin:orders_voucher_changelist"))
    generate = client.post(reverse("admin:orders_voucher_generate", args=[code.pk]), {"count": 5})

    assert "SECRET" not in listing.content.decode()
    assert generate.status_code in (302, 403)
    assert Voucher.objects.count() == 1
