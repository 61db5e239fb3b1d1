"""Shared helpers of the promotions tests: vouchers, sales and flash sales set up in one call."""

import uuid
from datetime import timedelta

from django.utils import timezone

from hurtrock.testing.factories import CompleteProfileUserFactory
from orders.models import Voucher
from orders.services import DeliveryAddress, order_place
from orders.tests.checkout_helpers import place_form
from orders.tests.factories import bank_account_configure, courier_setup


def voucher(**fields) -> Voucher:
    defaults = {"code": "HEMAT10", "kind": "percentage", "value": 10, "per_buyer_limit": None}
    return Voucher.objects.create(**{**defaults, **fields})


def flash(product, *, price: int, quota: int, minutes: int = 60):
    now = timezone.now()
    product.flash_price = price
    product.flash_quota = quota
    product.flash_starts_at = now - timedelta(minutes=1)
    product.flash_ends_at = now + timedelta(minutes=minutes)
    product.save()
    return product


def on_sale(product, *, price: int, ends_in: timedelta | None = timedelta(hours=2), compare_at=None):
    product.sale_price = price
    product.sale_starts_at = timezone.now() - timedelta(hours=1)
    product.sale_ends_at = timezone.now() + ends_in if ends_in is not None else None
    product.compare_at_price = compare_at
    product.save()
    return product


def place(*, items, user=None, voucher_code="", shown_prices=None, payment_method="bank_transfer"):
    user = user or CompleteProfileUserFactory()
    destination, service = courier_setup()
    bank_account_configure()
    return order_place(
        user=user,
        lines=[(product.pk, qty) for product, qty in items],
        address=DeliveryAddress.from_profile(user),
        destination=destination,
        service=service,
        payment_method=payment_method,
        idempotency_key=uuid.uuid4(),
        language="en",
        voucher_code=voucher_code,
        shown_prices=shown_prices,
    )


def checkout_form(response, service, **overrides) -> dict:
    """The checkout form as the browser submits it, with the prices the page showed."""
    return place_form(response, service, shown_prices=response.context["shown_prices"], **overrides)
