"""Checkout over HTTP: profile gate, address and courier, bank transfer, placing once (the query
budgets are in test_checkout_budgets.py)."""

import re
import uuid

import pytest
from django.urls import reverse

from catalog.models import Product
from hurtrock.templatetags.rupiah import format_rupiah
from hurtrock.testing.factories import PASSWORD, CompleteProfileUserFactory, UserFactory
from inventory.models import StockMovement
from orders.models import CartItem, Order, OrderEvent, OrderLine, OrderStatus
from orders.services import order_number_generate
from orders.tests.checkout_helpers import fill_cart, place_form
from orders.tests.factories import bank_account_configure, stocked_product, verified

pytestmark = pytest.mark.django_db


def test_the_whole_purchase_path_over_http(client, shop, mailoutbox, django_capture_on_commit_callbacks):
    destination, service = shop
    user = verified(CompleteProfileUserFactory())
    guitar = stocked_product(3, price=12_500_000, name="Ibanez RG550")
    pedal = stocked_product(10, price=1_450_000, name="Boss DS-1")

    # A visitor fills the cart, then signs in: the cart comes along.
    fill_cart(client, [guitar])
    client.post(reverse("orders:cart_add", args=[pedal.pk]), {"quantity": 2})
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.get(reverse("orders:cart")).context["cart"].count == 3

    # The checkout page prefills the address and quotes the couriers.
    page = client.get(reverse("orders:checkout"))
    assert page.status_code == 200
    assert page.context["form"]["city"].value() == user.city
    quote = next(o["quote"] for o in page.context["shipping_options"] if o["quote"].service.pk == service.pk)
    assert "Bank transfer" in page.content.decode() or "Transfer bank" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("orders:checkout"), place_form(page, service, street="Jl. Dago No. 5"))

    order = Order.objects.get(user=user)
    assert placed.status_code == 302 and placed.url == order.get_absolute_url()
    assert re.fullmatch(r"HR-\d{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}", order.number)
    assert order.status == OrderStatus.PENDING
    assert order.subtotal == 12_500_000 + 2 * 1_450_000
    assert order.shipping_cost == quote.cost and order.total == order.subtotal + quote.cost
    assert order.shipping_courier == "JNE" and order.shipping_service_code == service.code
    assert order.shipping_weight_kg == quote.chargeable_kg
    assert order.street == "Jl. Dago No. 5"  # edited for this order …
    user.refresh_from_db()
    assert user.street != "Jl. Dago No. 5"  # … not in the profile
    assert order.sender_name == "Hurtrock Music Store"
    assert sorted(order.lines.values_list("product_name", "unit_price", "quantity")) == [
        ("Boss DS-1", 1_450_000, 2),
        ("Ibanez RG550", 12_500_000, 1),
    ]
    assert list(order.events.values_list("from_status", "to_status")) == [("", OrderStatus.PENDING)]
    # Stock is reserved through the ledger, and the cart is empty.
    assert Product.objects.get(pk=guitar.pk).stock_quantity == 2
    assert Product.objects.get(pk=pedal.pk).stock_quantity == 8
    sale_rows = StockMovement.objects.filter(reference=f"order:{order.number}", reason="sale")
    assert sorted(sale_rows.values_list("product_id", "quantity")) == sorted([(guitar.pk, -1), (pedal.pk, -2)])
    assert not CartItem.objects.filter(user=user).exists()
    # The order page shows where to pay and how much; the buyer got an e-mail.
    detail = client.get(order.get_absolute_url()).content.decode()
    assert "7310-888-123" in detail and "PT Hurtrock Musik Bandung" in detail
    assert f"data-amount>{format_rupiah(order.total)}<" in detail
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert order.number in mailoutbox[0].subject
    assert client.get(reverse("orders:order_list")).content.decode().count(order.number) >= 1


def test_a_double_submit_gives_one_order(client, shop, buyer):
    _destination, service = shop
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))
    data = place_form(page, service)

    first = client.post(reverse("orders:checkout"), data)
    second = client.post(reverse("orders:checkout"), data)

    assert Order.objects.count() == 1
    assert first.url == second.url == Order.objects.get().get_absolute_url()
    assert StockMovement.objects.filter(reason="sale").count() == 1


def test_incomplete_profile_is_sent_to_the_profile_and_comes_back(client, shop):
    user = UserFactory(name="Rina")
    client.force_login(user)
    fill_cart(client, [stocked_product(5)])

    response = client.get(reverse("orders:checkout"))
    assert response.status_code == 302
    assert response.url == "/accounts/profile/?next=%2Fcheckout%2F"

    saved = client.post(
        response.url,
        {
            "name": "Rina Wulandari",
            "phone": "0812-1111-2222",
            "street": "Jl. Riau No. 1",
            "city": "Kota Bandung",
            "province": "Jawa Barat",
            "postal_code": "40115",
            "next": "/checkout/",
        },
    )
    assert saved.status_code == 302 and saved.url == "/checkout/"
    assert client.get("/checkout/").status_code == 200


def test_anonymous_checkout_asks_to_sign_in(client):
    response = client.get(reverse("orders:checkout"))

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_empty_cart_goes_back_to_the_cart(client, shop, buyer):
    response = client.get(reverse("orders:checkout"))

    assert response.status_code == 302 and response.url == reverse("orders:cart")


def test_unknown_city_shows_a_clear_error_and_a_list_of_cities(client, shop, buyer):
    destination, service = shop
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))
    data = place_form(page, service, city="Atlantis", province="Samudra")
    data.pop("shipping_service")

    response = client.post(reverse("orders:checkout"), {**data, "action": "quote"})

    body = response.content.decode()
    assert response.context["unknown_city"] is True
    assert "data-unknown-city" in body and "Atlantis" in body
    assert f'<option value="{destination.pk}">' in body
    assert Order.objects.count() == 0

    # Picking the nearest known city prices the parcel and lets the order through.
    chosen = client.post(reverse("orders:checkout"), {**data, "destination": str(destination.pk), "action": "quote"})
    assert chosen.context["destination"] == destination
    placed = client.post(
        reverse("orders:checkout"), {**data, "destination": str(destination.pk), "shipping_service": str(service.pk)}
    )
    order = Order.objects.get()
    assert placed.url == order.get_absolute_url()
    assert order.city == "Atlantis" and order.shipping_destination == str(destination)


def test_placing_with_an_unknown_city_and_no_choice_is_refused(client, shop, buyer):
    _destination, service = shop
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))

    response = client.post(reverse("orders:checkout"), place_form(page, service, city="Atlantis", province="Samudra"))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Order.objects.count() == 0


def test_the_live_quote_endpoint_answers_json(client, shop, buyer):
    destination, service = shop
    product = stocked_product(5)
    fill_cart(client, [product])

    known = client.get(reverse("orders:checkout_quote"), {"city": "Kota Bandung", "province": "Jawa Barat"})
    unknown = client.get(reverse("orders:checkout_quote"), {"city": "Atlantis"})

    assert known.status_code == 200
    assert service.pk in [q["service_id"] for q in known.json()["quotes"]]
    assert unknown.status_code == 400 and unknown.json()["error"]
    # What checkout.js shows: the translated days/weight line, and the bare subtotal when no courier fits.
    quote = known.json()["quotes"][0]
    assert quote["detail"] == f"{quote['days']} hari · berat terhitung {quote['chargeable_kg']} kg"
    assert unknown.json()["subtotal_display"] == known.json()["subtotal_display"] == format_rupiah(product.price)


def test_no_payment_method_when_the_bank_account_is_not_configured(client, shop, buyer):
    _destination, service = shop
    bank_account_configure(bank_account_number="")
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))

    response = client.post(reverse("orders:checkout"), place_form(page, service))

    assert page.context["payment_methods"] == []
    assert "data-place-order" in page.content.decode() and " disabled" in page.content.decode()
    assert response.status_code == 200 and Order.objects.count() == 0


def test_stock_sold_meanwhile_gives_a_clear_message_and_writes_nothing(client, shop, buyer):
    _destination, service = shop
    product = stocked_product(2, name="Gibson Les Paul")
    fill_cart(client, [product], quantity=2)
    page = client.get(reverse("orders:checkout"))
    from inventory.services import stock_reserve

    stock_reserve(lines=[(product.pk, 1)], reference="order:SOMEONE-ELSE")

    response = client.post(reverse("orders:checkout"), place_form(page, service))

    assert response.status_code == 302 and response.url == reverse("orders:cart")  # cart now over stock
    assert Order.objects.count() == OrderLine.objects.count() == OrderEvent.objects.count() == 0


def test_a_price_change_is_charged_at_the_database_price(client, shop, buyer):
    _destination, service = shop
    product = stocked_product(5, price=1_000_000)
    fill_cart(client, [product])
    page = client.get(reverse("orders:checkout"))
    Product.objects.filter(pk=product.pk).update(price=1_200_000)

    client.post(reverse("orders:checkout"), place_form(page, service))

    assert Order.objects.get().subtotal == 1_200_000


def test_a_tampered_shipping_choice_is_refused(client, shop, buyer):
    _destination, _service = shop
    from shipping.tests.factories import ShippingServiceFactory

    inactive = ShippingServiceFactory(courier="pos", code="XX", is_active=False)
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))

    response = client.post(reverse("orders:checkout"), place_form(page, inactive))

    assert response.status_code == 200 and "shipping_service" in response.context["form"].errors
    assert Order.objects.count() == 0


def test_another_buyers_checkout_key_cannot_fetch_their_order(client, shop):
    from orders.tests.factories import order_for

    other = order_for()
    user = CompleteProfileUserFactory()
    client.force_login(user)
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))

    response = client.post(
        reverse("orders:checkout"),
        place_form(page, shop[1], idempotency_key=str(other.idempotency_key)),
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Order.objects.filter(user=user).count() == 0


def test_order_numbers_retry_on_collision(monkeypatch, shop):
    from orders.services import checkout
    from orders.tests.factories import order_for

    first = order_for()
    numbers = iter([first.number, first.number, "HR-2026-ZZZZZ2"])
    monkeypatch.setattr(checkout, "order_number_generate", lambda **kwargs: next(numbers))

    second = order_for()

    assert second.number == "HR-2026-ZZZZZ2"


def test_order_numbers_are_unguessable_and_unambiguous():
    numbers = {order_number_generate(year=2026) for _ in range(2000)}

    assert len(numbers) == 2000
    assert all(re.fullmatch(r"HR-2026-[A-HJKMNP-Z2-9]{6}", n) for n in numbers)
    assert not any(set(n[8:]) & set("01OIL") for n in numbers)


def test_each_checkout_page_view_gets_a_fresh_idempotency_key(client, shop, buyer):
    fill_cart(client, [stocked_product(5)])

    first = client.get(reverse("orders:checkout")).context["form"]["idempotency_key"].value()
    second = client.get(reverse("orders:checkout")).context["form"]["idempotency_key"].value()

    assert uuid.UUID(str(first)) != uuid.UUID(str(second))


def test_a_cheap_destination_cannot_be_named_for_a_far_address(client, shop, buyer):
    """Issue #16: the server prices the parcel for the address it ships to, whatever the POST names."""
    from shipping.tests.factories import DestinationFactory

    bandung, service = shop
    DestinationFactory(province="Papua", city="Kota Jayapura", distance_km=3700, is_capital=True)
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))
    address = {"city": "Kota Jayapura", "province": "Papua"}
    honest = client.post(reverse("orders:checkout"), place_form(page, service, action="quote", **address))
    honest_cost = honest.context["selected_quote"].cost
    cheap = client.post(
        reverse("orders:checkout"),
        place_form(page, service, action="quote", city="Kota Bandung", province="Jawa Barat"),
    )
    assert cheap.context["selected_quote"].cost < honest_cost

    response = client.post(
        reverse("orders:checkout"), place_form(page, service, destination=str(bandung.pk), **address)
    )

    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    assert "Jayapura" in order.shipping_destination and "Bandung" not in order.shipping_destination
    assert order.shipping_cost == honest_cost


def test_a_nearer_town_in_the_same_province_may_still_be_picked(client, shop, buyer):
    from shipping.tests.factories import DestinationFactory

    _bandung, service = shop
    cimahi = DestinationFactory(province="Jawa Barat", city="Kota Cimahi", distance_km=15)
    fill_cart(client, [stocked_product(5)])
    page = client.get(reverse("orders:checkout"))
    data = place_form(page, service, destination=str(cimahi.pk), action="quote")

    response = client.post(reverse("orders:checkout"), data)

    assert response.context["destination"] == cimahi
