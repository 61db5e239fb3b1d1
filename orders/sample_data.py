"""Demo orders for `manage.py load_sample_data`: a few buyers with orders in every status.

Orders go through the real services (order_place, order_transition), so stock, ledger and
history agree. Idempotency keys are derived from a fixed namespace, so running the loader again
returns the orders it placed before instead of placing new ones.
"""

import uuid

from django.db import transaction
from django.test.utils import override_settings

from catalog.selectors import product_sellable_queryset
from hurtrock.models import StoreProfile, User
from hurtrock.selectors import store_profile_cache_clear
from hurtrock.services import user_create
from orders.models import Order, OrderStatus, PaymentMethod
from orders.selectors import payment_methods_available
from orders.services import DeliveryAddress, order_mark_paid, order_mark_shipped, order_place, order_transition
from shipping.selectors import destination_for, services_active

NAMESPACE = uuid.UUID("5f0c4c1e-6f1d-4c43-9d7b-1c2a3e4f5a6b")

# A demo account so bank transfer is offered; replace it with the shop's real account in the admin.
DEMO_BANK = {"bank_name": "BCA", "bank_account_number": "731-0888-123", "bank_account_holder": "Hurtrock Music Store"}

BUYERS = [
    (
        "rina.marlina@example.com",
        "Rina Marlina",
        "0812-2233-4455",
        "Jl. Dago No. 120",
        "Kota Bandung",
        "Jawa Barat",
        "40135",
    ),
    (
        "budi.santoso@example.com",
        "Budi Santoso",
        "0813-9988-7766",
        "Jl. Kemang Raya 8",
        "Jakarta Selatan",
        "DKI Jakarta",
        "12730",
    ),
    (
        "agus.pratama@example.com",
        "Agus Pratama",
        "0857-1234-5678",
        "Jl. Malioboro 55",
        "Kota Yogyakarta",
        "DI Yogyakarta",
        "55213",
    ),
    (
        "dewi.lestari@example.com",
        "Dewi Lestari",
        "0821-7788-9900",
        "Jl. Darmo 17",
        "Kota Surabaya",
        "Jawa Timur",
        "60241",
    ),
]

# (buyer index, product offsets, final status)
ORDERS = [
    (0, (0, 7), OrderStatus.DELIVERED),
    (1, (3,), OrderStatus.SHIPPED),
    (2, (5, 11, 19), OrderStatus.PROCESSING),
    (3, (2,), OrderStatus.PAID),
    (0, (9,), OrderStatus.PENDING),
    (1, (13,), OrderStatus.CANCELLED),
]


def sample_bank_account_ensure() -> bool:
    """Fill the store's bank account with the demo one when it is empty (never overwrite a real one)."""
    updated = StoreProfile.objects.filter(pk=1, bank_account_number="").update(**DEMO_BANK)
    store_profile_cache_clear()
    return bool(updated)


def _buyer(row) -> User:
    email, name, phone, street, city, province, postal_code = row
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(
            email=email,
            password=None,
            name=name,
            phone=phone,
            street=street,
            city=city,
            province=province,
            postal_code=postal_code,
        )
    return user


def _advance(order: Order, status: str, staff) -> None:
    if status == OrderStatus.PENDING or order.status != OrderStatus.PENDING:
        return
    if status == OrderStatus.CANCELLED:
        order_transition(
            order=order, to_status=OrderStatus.CANCELLED, user=staff, note="Demo: buyer changed their mind"
        )
        return
    order_mark_paid(order=order, user=staff, note="Demo: transfer received")
    if status == OrderStatus.PAID:
        return
    if status == OrderStatus.PROCESSING:
        order_transition(order=order, to_status=OrderStatus.PROCESSING, user=staff)
        return
    order_mark_shipped(order=order, tracking_number=f"JP{order.pk:010d}", user=staff)
    if status == OrderStatus.DELIVERED:
        order_transition(order=order, to_status=OrderStatus.DELIVERED, user=staff)


def sample_orders_ensure(*, staff=None) -> int:
    """Place the demo orders (once); returns how many orders the demo buyers now have."""
    # Sellable products only: a variant family's parent is a shop window, never an order line.
    products = list(
        product_sellable_queryset().filter(stock_quantity__gte=5, weight_grams__isnull=False).order_by("pk")[:40]
    )
    services = list(services_active())
    # The demo orders are bank transfers: a store whose own account is only partly filled in gets none.
    if len(products) < 20 or not services or PaymentMethod.BANK_TRANSFER not in payment_methods_available():
        return 0
    # Demo buyers are not e-mailed.
    with override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}):
        for index, (buyer_index, offsets, status) in enumerate(ORDERS):
            buyer = _buyer(BUYERS[buyer_index])
            destination = destination_for(city=buyer.city, province=buyer.province)
            with transaction.atomic():
                order = order_place(
                    user=buyer,
                    lines=[(products[offset].pk, 1) for offset in offsets],
                    address=DeliveryAddress.from_profile(buyer),
                    destination=destination,
                    service=services[index % len(services)],
                    payment_method=PaymentMethod.BANK_TRANSFER,
                    idempotency_key=uuid.uuid5(NAMESPACE, f"demo-order-{index}"),
                    language="id",
                )
                _advance(order, status, staff)
    return Order.objects.filter(user__email__in=[row[0] for row in BUYERS]).count()
