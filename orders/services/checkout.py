"""Placing an order: one transaction from the cart to a pending order holding its stock.

Inside one transaction `order_place` re-prices every line from the database, refuses a product
already short (no lock), asks the shipping app for the chosen service's quote, inserts the order
(snapshotting prices, the address, the sender and the quote), its lines and first event, empties
the cart, and only then reserves the stock through the inventory services (conditional UPDATEs in
pk order and the ledger rows; InsufficientStock rolls everything back), so that the product rows
are locked for the last few statements only. The checkout's
idempotency key is unique on Order, so a double submit (even two racing requests) yields one order.
"""

import secrets
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.pricing import product_price
from catalog.selectors import products_sellable_by_id
from hurtrock.selectors import store_profile_get
from hurtrock.templatetags.rupiah import format_rupiah
from inventory.errors import InsufficientStock
from inventory.services import stock_reserve
from orders.errors import CheckoutError, PriceChanged
from orders.events import order_event_record
from orders.models import CartItem, Order, OrderLine, OrderStatus
from orders.selectors import payment_methods_available
from orders.services.emails import order_email_enqueue
from orders.services.expiry import order_payment_deadline
from orders.services.promotions import PricedLine, flash_quotas_take, voucher_evaluate, voucher_use_take
from shipping.errors import ShippingError
from shipping.services import shipping_quote_for_service

# No 0/O, 1/I/L: a number read over the phone or from a blurry label is still right.
ORDER_NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ORDER_NUMBER_LENGTH = 6
NUMBER_ATTEMPTS = 8


def order_number_generate(*, year: int | None = None) -> str:
    """ "HR-2026-7QK4M2": 31^6 ≈ 887 million random numbers a year, from `secrets`, not guessable."""
    year = year or timezone.localdate().year
    suffix = "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(ORDER_NUMBER_LENGTH))
    return f"HR-{year}-{suffix}"


@dataclass(frozen=True)
class DeliveryAddress:
    recipient_name: str
    phone: str
    street: str
    city: str
    province: str
    postal_code: str

    @classmethod
    def from_profile(cls, user) -> "DeliveryAddress":
        """The address saved on the buyer's profile (what checkout starts from)."""
        return cls(
            recipient_name=user.name,
            phone=user.phone,
            street=user.street,
            city=user.city,
            province=user.province,
            postal_code=user.postal_code,
        )


def courier_label(service) -> str:
    display = getattr(service, "get_courier_display", None)
    return str(display() if display else service.courier)


def _order_for_key(*, idempotency_key, user) -> Order | None:
    order = Order.objects.filter(idempotency_key=idempotency_key).first()
    if order is not None and order.user_id != user.pk:
        raise CheckoutError(_("This checkout form has expired. Please reload the page."))
    return order


def _quantities(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    quantities: dict[int, int] = {}
    for product_id, quantity in lines:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise CheckoutError(_("Every quantity must be a whole number of at least 1."))
        quantities[int(product_id)] = quantities.get(int(product_id), 0) + quantity
    if not quantities:
        raise CheckoutError(_("Your cart is empty."))
    return quantities


def _insert(order: Order) -> Order | None:
    """Insert with a fresh number; on a collision try another. None when the key already has an order."""
    for _attempt in range(NUMBER_ATTEMPTS):
        order.number = order_number_generate()
        try:
            with transaction.atomic():
                order.save(force_insert=True)
            return order
        except IntegrityError:
            # Either another request with the same checkout key won (it has committed by now:
            # PostgreSQL waits for it before reporting the conflict), or the number was taken.
            if Order.objects.filter(idempotency_key=order.idempotency_key).exists():
                return None
    raise CheckoutError(_("We could not number your order. Please try again."))


def order_place(
    *,
    user,
    lines: Iterable[tuple[int, int]],
    address: DeliveryAddress,
    destination,
    service,
    payment_method: str,
    idempotency_key: uuid.UUID,
    language: str,
    note: str = "",
    voucher_code: str = "",
    shown_prices: dict[int, int] | None = None,
    offered_methods: Collection[str] | None = None,
) -> Order:
    """Turn the cart lines into a pending order that holds its stock (see the module docstring).

    Prices come from catalog.pricing at this moment. `shown_prices` ({product id: unit price} the
    buyer saw) makes a changed price (a sale ended or began) a PriceChanged refusal instead of a
    silent re-price. `voucher_code` applies one voucher (orders.services.promotions).
    `offered_methods`: the payment methods the checkout page read from `payment_methods_available()`
    in this same request (read here when not given); `payment_method` must be one of them.

    Raises CheckoutError (nothing to buy, product gone, no quote, method not offered, price changed,
    voucher refused) or inventory.errors.InsufficientStock (someone bought the last unit first; also
    PromotionUnavailable: the flash quota sold out). Nothing is written when it raises. A repeated
    `idempotency_key` returns the order already placed with it.
    """
    existing = _order_for_key(idempotency_key=idempotency_key, user=user)
    if existing is not None:
        return existing
    if offered_methods is None:
        offered_methods = payment_methods_available()
    if payment_method not in offered_methods:
        raise CheckoutError(_("This payment method is not available."))
    quantities = _quantities(lines)

    with transaction.atomic():
        products = products_sellable_by_id(quantities)
        missing = set(quantities) - set(products)
        if missing:
            raise CheckoutError(_("A product in your cart is no longer sold. Please review your cart."))
        priced = [(products[pk], qty) for pk, qty in sorted(quantities.items())]
        # Refuse what is already sold out before any write or lock (a committed read: when it says
        # short, the buyer was too late; when it says enough, stock_reserve decides under the lock).
        for product, qty in priced:
            if product.stock_quantity < qty:
                raise InsufficientStock(product=product, requested=qty, available=product.stock_quantity)
        now = timezone.now()
        priced_lines = [PricedLine(product, qty, product_price(product, now=now)) for product, qty in priced]
        _check_shown_prices(priced_lines, shown_prices)
        try:
            quote = shipping_quote_for_service(lines=priced, destination=destination, service=service)
        except ShippingError as error:
            raise CheckoutError(str(error))

        subtotal = sum(line.line_total for line in priced_lines)
        discount = None
        if voucher_code.strip():
            discount = voucher_evaluate(
                code=voucher_code, user=user, lines=priced_lines, shipping_cost=quote.cost, now=now, lock=True
            )
        discount_amount = discount.amount if discount else 0
        store = store_profile_get()
        order = Order(
            user=user,
            status=OrderStatus.PENDING,
            payment_method=payment_method,
            idempotency_key=idempotency_key,
            language=language,
            email=user.email,
            note=note.strip(),
            sender_name=store.name,
            sender_phone=store.phone,
            sender_address="\n".join(
                part for part in (store.address, f"{store.city} {store.postal_code}".strip()) if part
            ),
            shipping_courier=courier_label(quote.service),
            shipping_service_name=quote.service.name,
            shipping_service_code=quote.service.code,
            shipping_destination=f"{destination.city}, {destination.province}",
            shipping_cost=quote.cost,
            shipping_weight_kg=quote.chargeable_kg,
            shipping_min_days=quote.min_days,
            shipping_max_days=quote.max_days,
            total_weight_grams=sum((product.weight_grams or 0) * qty for product, qty in priced),
            subtotal=subtotal,
            discount=discount_amount,
            voucher_code=discount.voucher.code if discount else "",
            discount_description=discount.description if discount else "",
            total=subtotal + quote.cost - discount_amount,
            payment_due_at=order_payment_deadline(placed_at=now),
            **{field: getattr(address, field).strip() for field in DeliveryAddress.__dataclass_fields__},
        )
        if _insert(order) is None:
            return _order_for_key(idempotency_key=idempotency_key, user=user)

        if discount is not None:
            voucher_use_take(discount=discount, order=order, user=user)
        OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    product=line.product,
                    product_name=line.product.name,
                    sku=line.product.sku,
                    unit_price=line.price.amount,
                    quantity=line.quantity,
                    line_total=line.line_total,
                    weight_grams=line.product.weight_grams or 0,
                )
                for line in priced_lines
            ]
        )
        order_event_record(order, "placed", user=user, from_status="", to_status=OrderStatus.PENDING)
        CartItem.objects.filter(user=user, product_id__in=list(quantities)).delete()
        # Last, so that the product rows stay locked only from here to the commit (the hot spot
        # when many buyers want the same product): the stock, then its flash quota, same rows.
        stock_reserve(lines=priced, reference=f"order:{order.number}", user=user)
        flash_quotas_take(order=order, lines=priced_lines, now=now)
        order_email_enqueue(order=order, kind="placed")
        _schedule_expiry(order)
    return order


def _check_shown_prices(lines: list[PricedLine], shown_prices: dict[int, int] | None) -> None:
    if shown_prices is None:
        return
    for line in lines:
        shown = shown_prices.get(line.product.pk)
        if shown is not None and shown != line.price.amount:
            raise PriceChanged(
                _(
                    "The price of %(product)s changed from %(old)s to %(new)s. Please check the total and place the order again."
                )
                % {"product": line.product.name, "old": format_rupiah(shown), "new": format_rupiah(line.price.amount)}
            )


def _schedule_expiry(order: Order) -> None:
    """On a task backend that can defer (the database worker), expire this order at its deadline.

    `manage.py expire_unpaid_orders` from cron remains the safety net on every backend.
    """
    from orders.tasks import order_expire_if_unpaid_task

    if order_expire_if_unpaid_task.get_backend().supports_defer:
        task = order_expire_if_unpaid_task.using(run_after=order.payment_due_at)
        transaction.on_commit(lambda: task.enqueue(order.pk))
