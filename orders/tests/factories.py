"""Test helpers for orders: stocked products, a courier and a destination, a bank account, and
orders placed through the real service (never built by hand, so stock and ledger agree)."""

import uuid

from allauth.account.models import EmailAddress

from hurtrock.models import StoreProfile
from hurtrock.selectors import STORE_DEFAULTS, store_profile_cache_clear
from hurtrock.testing.factories import CompleteProfileUserFactory
from inventory.tests.factories import ProductFactory, stocked_product
from orders.models import Order, PaymentMethod
from orders.services import DeliveryAddress, order_place
from shipping.tests.factories import DestinationFactory, ShippingServiceFactory

__all__ = [
    "ProductFactory",
    "bank_account_configure",
    "courier_setup",
    "order_for",
    "stocked_product",
    "verified",
]

BANK = {"bank_name": "BCA", "bank_account_number": "7310-888-123", "bank_account_holder": "PT Hurtrock Musik Bandung"}


def bank_account_configure(**overrides) -> StoreProfile:
    """The store's bank account, so that bank transfer is offered."""
    profile, _created = StoreProfile.objects.update_or_create(
        pk=1,
        defaults={**STORE_DEFAULTS, **BANK, **overrides},
    )
    store_profile_cache_clear()
    return profile


def courier_setup():
    """A destination matching CompleteProfileUserFactory's city and a JNE REG service."""
    destination = DestinationFactory(province="Jawa Barat", city="Kota Bandung", distance_km=5, is_capital=True)
    service = ShippingServiceFactory(courier="jne", code="REG", name="Reguler", min_days=2, max_days=3)
    return destination, service


def verified(user):
    """allauth's mandatory e-mail verification: mark the address confirmed so the user can sign in."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def order_for(*, user=None, items=None, language: str = "id", payment_method=PaymentMethod.BANK_TRANSFER) -> Order:
    """An order placed through `order_place` (stock reserved, ledger written, first event)."""
    user = user or CompleteProfileUserFactory()
    items = items or [(stocked_product(5), 1)]
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
        language=language,
    )
