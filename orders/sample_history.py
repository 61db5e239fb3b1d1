"""A year of past orders in bulk (`load_sample_data --orders N`), for `make bench` and reports.

The demo orders of `orders.sample_data` go through the real services (stock, ledger, e-mails). A
benchmark needs tens of thousands, so these are written with `bulk_create`: delivered orders of
the past 365 days, numbered `HX-<n>`, with prices snapshotted from the catalog as it is now. They
are history only: they neither take stock nor write ledger rows (the goods left long ago).
Idempotent: running it again tops the count up to N.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import Product
from hurtrock.models import User
from hurtrock.services import user_create
from orders.models import Order, OrderLine, OrderStatus, PaymentMethod

PREFIX = "HX-"
BATCH = 2000
BUYERS = 50
CITIES = [
    ("Bandung", "Jawa Barat", "40115"),
    ("Jakarta Selatan", "DKI Jakarta", "12190"),
    ("Surabaya", "Jawa Timur", "60271"),
    ("Yogyakarta", "DI Yogyakarta", "55281"),
    ("Medan", "Sumatera Utara", "20212"),
]


def _buyers() -> list[User]:
    buyers = []
    for index in range(BUYERS):
        email = f"history-buyer-{index:02d}@example.com"
        user = User.objects.filter(email=email).first()
        buyers.append(user or user_create(email=email, password=None, name=f"Pembeli {index:02d}"))
    return buyers


def _order(number: int, buyer: User, rng: random.Random, now) -> Order:
    city, province, postal_code = CITIES[number % len(CITIES)]
    paid_at = now - timedelta(days=rng.uniform(0, 365))
    shipping = rng.choice([9000, 15000, 22000, 38000])
    return Order(
        number=f"{PREFIX}{number:07d}",
        user=buyer,
        status=OrderStatus.DELIVERED,
        payment_method=rng.choice(PaymentMethod.values),
        email=buyer.email,
        recipient_name=buyer.get_full_name() or buyer.email,
        phone="081234567890",
        street=f"Jl. Contoh No. {number % 200 + 1}",
        city=city,
        province=province,
        postal_code=postal_code,
        sender_name="Hurtrock Music Store",
        shipping_courier=rng.choice(["JNE", "J&T", "SiCepat"]),
        shipping_service_name="Reguler",
        shipping_service_code="REG",
        shipping_destination=f"{city}, {province}",
        shipping_cost=shipping,
        shipping_weight_kg=1,
        subtotal=0,
        total=shipping,
        tracking_courier="JNE",
        tracking_number=f"HX{number:010d}",
        paid_at=paid_at,
        shipped_at=paid_at + timedelta(days=1),
        delivered_at=paid_at + timedelta(days=3),
    )


def sample_history_ensure(count: int, progress=None) -> int:
    """Top the history up to `count` orders; returns how many there are now."""
    existing = Order.objects.filter(number__startswith=PREFIX).count()
    products = list(Product.objects.filter(is_active=True).values_list("pk", "name", "sku", "price", "weight_grams"))
    if existing >= count or not products:
        return existing
    rng = random.Random(existing)
    buyers = _buyers()
    now = timezone.now()
    done = existing
    while done < count:
        size = min(BATCH, count - done)
        with transaction.atomic():
            orders = [_order(done + i + 1, buyers[(done + i) % BUYERS], rng, now) for i in range(size)]
            lines_per_order = []
            for order in orders:
                lines = []
                for pk, name, sku, price, weight in rng.sample(products, k=min(rng.randint(1, 3), len(products))):
                    quantity = rng.randint(1, 2)
                    lines.append((pk, name, sku, price, quantity, weight or 0))
                order.subtotal = sum(price * quantity for _, _, _, price, quantity, _ in lines)
                order.total = order.subtotal + order.shipping_cost
                lines_per_order.append(lines)
            Order.objects.bulk_create(orders)
            OrderLine.objects.bulk_create(
                OrderLine(
                    order=order,
                    product_id=pk,
                    product_name=name,
                    sku=sku,
                    unit_price=price,
                    quantity=quantity,
                    line_total=price * quantity,
                    weight_grams=weight,
                )
                for order, lines in zip(orders, lines_per_order, strict=True)
                for pk, name, sku, price, quantity, weight in lines
            )
            # created_at is auto_now_add: place each order just before it was paid.
            Order.objects.filter(pk__in=[order.pk for order in orders]).update(
                created_at=F("paid_at") - timedelta(minutes=30)
            )
        done += size
        if progress:
            progress(done - existing, count - existing)
    return done
