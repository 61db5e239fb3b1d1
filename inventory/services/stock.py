"""Stock changes: every one locks the product rows, updates `stock_quantity` in the database and writes
the ledger in the same transaction, so stock and ledger never disagree and stock never goes negative
(checkout's `stock_reserve` of one product with a conditional UPDATE, the rest with
select_for_update and F())."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Sum, Value, When
from django.utils.translation import gettext as _

from catalog.models import Product
from inventory.errors import InsufficientStock, InventoryError
from inventory.models import StockMovement

Lines = Iterable[tuple[Product | int, int]]


def _collect(lines: Lines, *, sign: int) -> tuple[dict[int, int], dict[int, Product]]:
    """Sum the quantities per product id (a product twice in `lines` is one change) and keep any
    instances passed in, to refresh their `stock_quantity` afterwards."""
    deltas: dict[int, int] = {}
    instances: dict[int, Product] = {}
    for product, quantity in lines:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            raise InventoryError(_("Quantities must be whole numbers above zero."))
        product_id = product.pk if isinstance(product, Product) else int(product)
        if isinstance(product, Product):
            instances[product_id] = product
        deltas[product_id] = deltas.get(product_id, 0) + sign * quantity
    return deltas, instances


def _movements_apply(
    *,
    deltas: dict[int, int],
    instances: dict[int, Product],
    reason: str,
    reference: str,
    user,
    note: str = "",
    unit_costs: dict[int, int] | None = None,
) -> list[StockMovement]:
    """Lock, check, update and record: the one place where stock changes.

    Rows are locked with select_for_update in primary-key order, so two transactions touching the
    same products always queue in the same order and cannot deadlock. All checks happen before any
    write, so a shortage leaves nothing changed.
    """
    if reason not in StockMovement.Reason.values:
        raise InventoryError(f"Unknown stock movement reason {reason!r}")
    deltas = {pid: delta for pid, delta in deltas.items() if delta != 0}
    if not deltas:
        return []
    with transaction.atomic():
        locked = list(
            # NO KEY: order lines and ledger rows pointing at the product (KEY SHARE) do not wait.
            Product.objects.select_for_update(no_key=True)
            .filter(pk__in=deltas.keys())
            .order_by("pk")
            .only("pk", "name", "sku", "stock_quantity")
        )
        if len(locked) != len(deltas):
            missing = sorted(set(deltas) - {p.pk for p in locked})
            raise InventoryError(_("Unknown product id(s): %(ids)s") % {"ids": ", ".join(map(str, missing))})
        for product in locked:
            delta = deltas[product.pk]
            if product.stock_quantity + delta < 0:
                raise InsufficientStock(product=product, requested=-delta, available=product.stock_quantity)
        # One UPDATE for all rows; F() so the database computes from the locked value.
        Product.objects.filter(pk__in=deltas.keys()).update(
            stock_quantity=Case(
                *(When(pk=pid, then=F("stock_quantity") + Value(delta)) for pid, delta in deltas.items()),
                default=F("stock_quantity"),
                output_field=IntegerField(),
            )
        )
        movements = StockMovement.objects.bulk_create(
            StockMovement(
                product_id=product.pk,
                quantity=deltas[product.pk],
                reason=reason,
                reference=reference,
                note=note,
                user=user,
                unit_cost=(unit_costs or {}).get(product.pk),
            )
            for product in locked
        )
        back_in_stock = [p.pk for p in locked if p.stock_quantity == 0 and deltas[p.pk] > 0]
        if back_in_stock:
            from catalog.services.wishlist import stock_back_notify

            stock_back_notify(product_ids=back_in_stock)  # e-mails after commit
    for product in locked:
        if product.pk in instances:
            instances[product.pk].stock_quantity = product.stock_quantity + deltas[product.pk]
    return movements


def _take(product_id: int, quantity: int) -> int | None:
    """`quantity` units off one product in one statement, only if they are there: the stock left,
    or None (short, or no such product). The UPDATE's row lock is held until the caller commits."""
    ops = connection.ops
    table = ops.quote_name(Product._meta.db_table)
    stock = ops.quote_name(Product._meta.get_field("stock_quantity").column)
    pk = ops.quote_name(Product._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {stock} = {stock} - %s WHERE {pk} = %s AND {stock} >= %s RETURNING {stock}",  # noqa: S608 - names from the model
            [quantity, product_id, quantity],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def stock_reserve(*, lines: Lines, reference: str, user=None, reason: str = StockMovement.Reason.SALE) -> None:
    """Take stock for a set of lines (checkout): all or nothing.

    One product (the usual order, and the hot spot when many buyers rush for it): one conditional
    UPDATE (`… WHERE stock_quantity >= n RETURNING …`) and one INSERT for the ledger, no SELECT …
    FOR UPDATE first, so its row is locked from that UPDATE to the commit only. Several products:
    `_movements_apply` (rows locked in primary-key order, so two orders cannot deadlock).
    Raises InsufficientStock for the first product that is short; then nothing has changed. Joins
    the caller's transaction, so an order and its stock commit together (call it late in there).
    """
    deltas, instances = _collect(lines, sign=-1)
    if len(deltas) != 1:
        _movements_apply(deltas=deltas, instances=instances, reason=reason, reference=reference, user=user)
        return
    if reason not in StockMovement.Reason.values:
        raise InventoryError(f"Unknown stock movement reason {reason!r}")
    ((product_id, delta),) = deltas.items()
    with transaction.atomic():
        remaining = _take(product_id, -delta)
        if remaining is None:
            product = Product.objects.filter(pk=product_id).only("pk", "name", "sku", "stock_quantity").first()
            if product is None:
                raise InventoryError(_("Unknown product id(s): %(ids)s") % {"ids": product_id})
            raise InsufficientStock(product=product, requested=-delta, available=product.stock_quantity)
        StockMovement.objects.create(
            product_id=product_id, quantity=delta, reason=reason, reference=reference, user=user
        )
    if product_id in instances:
        instances[product_id].stock_quantity = remaining


def stock_release(*, lines: Lines, reference: str, user=None, reason: str = StockMovement.Reason.CANCELLATION) -> None:
    """Give stock back (cancelled or expired order, return): positive movements."""
    deltas, instances = _collect(lines, sign=1)
    _movements_apply(deltas=deltas, instances=instances, reason=reason, reference=reference, user=user)


def stock_adjust(*, product: Product, quantity: int, reason: str, note: str, user=None) -> StockMovement:
    """A manual correction (stock count, damage, found goods): a signed delta with a written reason.

    Refuses to take stock below zero (InsufficientStock) and refuses a blank note, because an
    unexplained adjustment is exactly what a ledger exists to prevent.
    """
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity == 0:
        raise InventoryError(_("An adjustment needs a non-zero whole number."))
    if not (note or "").strip():
        raise InventoryError(_("Say why the stock is adjusted."))
    if reason in (StockMovement.Reason.OPENING, StockMovement.Reason.SALE):
        raise InventoryError(_("Sales and opening balances are not manual adjustments."))
    instances = {product.pk: product} if isinstance(product, Product) else {}
    product_id = product.pk if isinstance(product, Product) else int(product)
    (movement,) = _movements_apply(
        deltas={product_id: quantity},
        instances=instances,
        reason=reason,
        reference="manual",
        user=user,
        note=note.strip(),
    )
    return movement


def opening_balances_write(*, product_model, movement_model, products=None, user_id=None) -> int:
    """Shared by the service and the data migration (which passes historical models)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    ledger = (
        movement_model.objects.filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    queryset = product_model.objects.all() if products is None else products
    if not hasattr(queryset, "filter"):
        queryset = product_model.objects.filter(pk__in=[p.pk for p in queryset])
    with transaction.atomic():
        rows = (
            queryset.select_for_update(of=("self",))
            .order_by("pk")
            .annotate(ledger_total=Coalesce(Subquery(ledger, output_field=IntegerField()), Value(0)))
            .values_list("pk", "stock_quantity", "ledger_total")
        )
        movements = [
            movement_model(
                product_id=pk,
                quantity=stock - ledger_total,
                reason="opening",
                reference="opening",
                note="Opening balance: stock recorded before the ledger knew it.",
                user_id=user_id,
            )
            for pk, stock, ledger_total in rows
            if stock != ledger_total
        ]
        movement_model.objects.bulk_create(movements)
    return len(movements)


def stock_record_opening_balances(*, products=None, user=None) -> int:
    """Make every product's ledger explain its current stock with one OPENING movement where needed.

    For products that had stock before the ledger existed (imports, sample data). Returns how many
    movements were written; running it again writes none.
    """
    return opening_balances_write(
        product_model=Product,
        movement_model=StockMovement,
        products=products,
        user_id=getattr(user, "pk", None),
    )
