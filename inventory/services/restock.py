"""Restock (purchase) orders: creation, status transitions and receiving goods into stock."""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, PositiveBigIntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from inventory.errors import InvalidTransition, ReceiptRejected
from inventory.models import (
    RESTOCK_TRANSITIONS,
    RestockOrder,
    RestockOrderLine,
    RestockReceipt,
    StockMovement,
    Supplier,
    SupplierProduct,
)
from inventory.services.stock import _movements_apply

Status = RestockOrder.Status
_TIMESTAMP_FIELD = {Status.ORDERED: "ordered_at", Status.RECEIVED: "received_at", Status.CANCELLED: "cancelled_at"}


def _locked(order: RestockOrder) -> RestockOrder:
    return RestockOrder.objects.select_for_update().get(pk=order.pk)


def _transition(order: RestockOrder, to_status: str) -> None:
    """Move a locked order along RESTOCK_TRANSITIONS or raise InvalidTransition."""
    if to_status not in RESTOCK_TRANSITIONS[order.status]:
        raise InvalidTransition(
            _("A %(from)s restock order cannot become %(to)s.")
            % {"from": Status(order.status).label, "to": Status(to_status).label}
        )
    order.status = to_status
    setattr(order, _TIMESTAMP_FIELD[to_status], timezone.now())
    order.save(update_fields=["status", _TIMESTAMP_FIELD[to_status]])


@transaction.atomic
def restock_order_create(*, supplier, lines, expected_date=None, notes: str = "", user=None) -> RestockOrder:
    """A pending order with lines given as (product, quantity, unit_cost) triples."""
    order = RestockOrder.objects.create(supplier=supplier, expected_date=expected_date, notes=notes, created_by=user)
    RestockOrderLine.objects.bulk_create(
        RestockOrderLine(order=order, product=product, quantity_ordered=quantity, unit_cost=unit_cost)
        for product, quantity, unit_cost in lines
    )
    return order


@transaction.atomic
def restock_order_mark_ordered(*, order: RestockOrder, user=None) -> RestockOrder:
    """The order was sent to the supplier; its lines are fixed from now on."""
    locked = _locked(order)
    if locked.status == Status.PENDING and not locked.lines.exists():
        raise InvalidTransition(_("An order without lines cannot be sent."))
    _transition(locked, Status.ORDERED)
    return locked


@transaction.atomic
def restock_order_cancel(*, order: RestockOrder, user=None) -> RestockOrder:
    """Cancel what is still outstanding; goods already received stay in stock."""
    locked = _locked(order)
    _transition(locked, Status.CANCELLED)
    return locked


@transaction.atomic
def restock_receive(*, order: RestockOrder, quantities: dict[int, int], key: str, user=None) -> RestockReceipt:
    """Receive goods for an ordered restock order, in full or in part, exactly once per `key`.

    `quantities` maps line ids to units arriving now (zero lines are skipped). The order row is
    locked first, so concurrent receipts of one order queue; a receipt whose key was already
    processed returns that receipt without touching stock. More than a line's outstanding quantity
    is refused. When every line is complete the order becomes RECEIVED.
    """
    if not key:
        raise ReceiptRejected(_("A receipt needs its key."))
    locked = _locked(order)
    existing = RestockReceipt.objects.filter(key=key).first()
    if existing is not None:
        if existing.order_id != locked.pk:
            raise ReceiptRejected(_("This receipt key belongs to another restock order."))
        return existing
    if locked.status != Status.ORDERED:
        raise ReceiptRejected(
            _("Only an ordered restock order can be received (this one is %(status)s).")
            % {"status": Status(locked.status).label}
        )
    lines = {line.pk: line for line in locked.lines.select_related("product")}
    wanted = {int(line_id): int(qty) for line_id, qty in quantities.items() if int(qty) != 0}
    if not wanted:
        raise ReceiptRejected(_("Enter the quantity received for at least one line."))
    for line_id, qty in wanted.items():
        line = lines.get(line_id)
        if line is None:
            raise ReceiptRejected(_("Line %(id)s is not part of this order.") % {"id": line_id})
        if qty < 0 or qty > line.quantity_outstanding:
            raise ReceiptRejected(
                _("%(product)s: %(qty)d received but only %(left)d outstanding.")
                % {"product": line.product, "qty": qty, "left": line.quantity_outstanding}
            )
    try:
        with transaction.atomic():
            receipt = RestockReceipt.objects.create(
                order=locked, key=key, quantities={str(k): v for k, v in wanted.items()}, user=user
            )
    except IntegrityError:
        # Another transaction committed this key between our check and insert (possible only
        # without the row lock, e.g. on a database that ignores SELECT … FOR UPDATE).
        return RestockReceipt.objects.get(key=key)
    # F() as well as the lock: were the lock ever bypassed, the received ≤ ordered constraint would
    # refuse the second receipt instead of silently overwriting the first.
    RestockOrderLine.objects.filter(pk__in=wanted.keys()).update(
        quantity_received=Case(
            *(When(pk=line_id, then=F("quantity_received") + Value(qty)) for line_id, qty in wanted.items()),
            default=F("quantity_received"),
            output_field=IntegerField(),
        )
    )
    for line_id, qty in wanted.items():
        lines[line_id].quantity_received += qty
    deltas: dict[int, int] = defaultdict(int)
    costed_units: dict[int, int] = defaultdict(int)
    cost_totals: dict[int, int] = defaultdict(int)
    for line_id, qty in wanted.items():
        line = lines[line_id]
        deltas[line.product_id] += qty
        if line.unit_cost:
            costed_units[line.product_id] += qty
            cost_totals[line.product_id] += qty * line.unit_cost
    unit_costs = {pid: _rounded_div(cost_totals[pid], units) for pid, units in costed_units.items()}
    averages = _moving_averages(costed_units=costed_units, cost_totals=cost_totals)
    _movements_apply(
        deltas=dict(deltas),
        instances={},
        reason=StockMovement.Reason.RESTOCK,
        reference=locked.reference,
        user=user,
        note=_("Receipt %(key)s") % {"key": key[:12]},
        unit_costs=unit_costs,
    )
    if averages:
        Product.objects.filter(pk__in=averages.keys()).update(
            average_cost=Case(
                *(When(pk=pid, then=Value(cost)) for pid, cost in averages.items()),
                default=F("average_cost"),
                output_field=PositiveBigIntegerField(),
            )
        )
    if all(line.quantity_outstanding == 0 for line in lines.values()):
        _transition(locked, Status.RECEIVED)
    return receipt


def _rounded_div(numerator: int, denominator: int) -> int:
    """Whole rupiah, half up (integers only: money never goes through a float)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _moving_averages(*, costed_units: dict[int, int], cost_totals: dict[int, int]) -> dict[int, int]:
    """The products' average unit cost after this receipt (moving average).

    new average = (stock on hand × old average + units received × their cost) / (stock + units).
    Stock on hand with no known cost yet (average 0, e.g. the opening balance) does not count,
    so the first costed receipt sets the average to its own cost. Lines without a cost (0) leave
    the average alone. Runs under the product row locks, before the stock is added.
    """
    if not costed_units:
        return {}
    locked = (
        Product.objects.select_for_update()
        .filter(pk__in=costed_units.keys())
        .order_by("pk")
        .values_list("pk", "stock_quantity", "average_cost")
    )
    averages = {}
    for pid, on_hand, average in locked:
        known_units = on_hand if average else 0
        averages[pid] = _rounded_div(known_units * average + cost_totals[pid], known_units + costed_units[pid])
    return averages


def restock_cost_suggestions(*, product_ids, supplier_id: int | None = None) -> dict[int, int]:
    """The unit cost a new restock line should start at, first known (non-zero) of: the ordering
    supplier's own price for the product (when `supplier_id` is given), the preferred supplier's
    price, the product's last restock line cost, its average cost. Products with none are left out."""
    product_ids = list(product_ids)
    suggestions = dict(Product.objects.filter(pk__in=product_ids, average_cost__gt=0).values_list("pk", "average_cost"))
    last_seen: set[int] = set()
    for product_id, unit_cost in (
        RestockOrderLine.objects.filter(product_id__in=product_ids, unit_cost__gt=0)
        .order_by("product_id", "-id")
        .values_list("product_id", "unit_cost")
    ):
        if product_id not in last_seen:
            last_seen.add(product_id)
            suggestions[product_id] = unit_cost
    prices = SupplierProduct.objects.filter(product_id__in=product_ids, cost_price__gt=0, is_preferred=True)
    suggestions.update(prices.values_list("product_id", "cost_price"))
    if supplier_id is not None:
        own = SupplierProduct.objects.filter(product_id__in=product_ids, cost_price__gt=0, supplier_id=supplier_id)
        suggestions.update(own.values_list("product_id", "cost_price"))
    return suggestions


def _suggested_quantity(product: Product) -> int:
    """Enough to reach twice the threshold (at least one), a simple reorder point rule."""
    return max(product.low_stock_threshold * 2 - product.stock_quantity, 1)


@transaction.atomic
def restock_orders_create_for_products(*, products, user=None) -> tuple[list[RestockOrder], list[Product]]:
    """Start one pending restock order per preferred supplier for the given (low-stock) products.

    Products without a preferred supplier, or already on an open (pending/ordered) order, are returned
    as skipped (annotated with `preferred_supplier_id`). The unit cost starts at `restock_cost_suggestions`
    (the preferred supplier's price, else last restock cost, else average cost).
    """
    products = list(products)
    open_product_ids = set(
        RestockOrderLine.objects.filter(
            product__in=products, order__status__in=[Status.PENDING, Status.ORDERED]
        ).values_list("product_id", flat=True)
    )
    last_cost = restock_cost_suggestions(product_ids=[p.pk for p in products])
    preferred = dict(
        SupplierProduct.objects.filter(product__in=products, is_preferred=True).values_list("product_id", "supplier_id")
    )
    suppliers = Supplier.objects.in_bulk(set(preferred.values()))
    by_supplier: dict[int, list[Product]] = defaultdict(list)
    skipped = []
    for product in products:
        product.preferred_supplier_id = preferred.get(product.pk)
        if product.preferred_supplier_id is None or product.pk in open_product_ids:
            skipped.append(product)
        else:
            by_supplier[product.preferred_supplier_id].append(product)
    orders = []
    for supplier_id, supplier_products in sorted(by_supplier.items()):
        orders.append(
            restock_order_create(
                supplier=suppliers[supplier_id],
                lines=[(p, _suggested_quantity(p), last_cost.get(p.pk, 0)) for p in supplier_products],
                notes=_("Started from the low-stock list."),
                user=user,
            )
        )
    return orders, skipped
