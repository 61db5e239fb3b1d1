"""Where a cart lives: the session for visitors, `CartItem` rows for signed-in buyers.

Both stores speak the same small protocol (quantities, set, add, remove, clear, lines) so that the cart
services and views never care which one they hold. `cart_for_request` picks the store and keeps it
on the request, so a page that shows the cart and the navbar count loads the lines once.
"""

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import prefetch_related_objects
from django.utils import timezone

from catalog.models import Product
from catalog.pricing import Price, product_price
from catalog.selectors import main_image_prefetch, product_ids_sellable, products_sellable_by_id
from hurtrock.rawrows import instances_from_sql
from orders.models import CartItem

SESSION_KEY = "cart"


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int

    @property
    def price(self) -> Price:
        """The price right now (catalog.pricing), the one checkout will charge."""
        return product_price(self.product)

    @property
    def unit_price(self) -> int:
        return self.price.amount

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity

    @property
    def is_over_stock(self) -> bool:
        return self.quantity > self.product.stock_quantity


class _CachedLines:
    """Loads the lines (with their products) once, until the cart changes."""

    _lines: list[CartLine] | None = None
    _images_loaded = False

    def lines(self, *, images: bool = False) -> list[CartLine]:
        """Products in the cart that are still sold, oldest first; with `images`, their main
        pictures too (one more query, only for the pages that show thumbnails)."""
        if self._lines is None:
            self._lines = self._load_lines()
            self._images_loaded = False
        if images and not self._images_loaded:
            prefetch_related_objects([line.product for line in self._lines], main_image_prefetch())
            self._images_loaded = True
        return self._lines

    def _changed(self) -> None:
        self._lines = None

    def _added(self, product: Product, total: int) -> None:
        """Keep loaded lines in step with an add (no reload): the line's new total, or a new line
        at the end (the newest, where the next load would put it)."""
        if self._lines is None:
            return
        lines = [CartLine(line.product, total) if line.product.pk == product.pk else line for line in self._lines]
        if not any(line.product.pk == product.pk for line in self._lines):
            lines.append(CartLine(product, total))
            self._images_loaded = False
        self._lines = lines

    def _load_lines(self) -> list[CartLine]:
        raise NotImplementedError


class SessionCart(_CachedLines):
    """A visitor's cart: {"<product id>": quantity} in the session."""

    is_persistent = False

    def __init__(self, session):
        self.session = session

    def quantities(self) -> dict[int, int]:
        raw = self.session.get(SESSION_KEY) or {}
        result = {}
        for key, value in raw.items():
            try:
                product_id, quantity = int(key), int(value)
            except (TypeError, ValueError):
                continue
            if product_id > 0 and quantity > 0:
                result[product_id] = quantity
        return result

    def quantity_of(self, product_id: int) -> int:
        return self.quantities().get(product_id, 0)

    def _store(self, quantities: dict[int, int]) -> None:
        self.session[SESSION_KEY] = {str(pk): qty for pk, qty in quantities.items()}
        self._changed()

    def set(self, product_id: int, quantity: int) -> None:
        quantities = self.quantities()
        quantities[product_id] = quantity
        self._store(quantities)

    def add(self, product: Product, quantity: int) -> int | None:
        """Add to the line; the new total, or None (nothing changed) when it would pass the stock."""
        quantities = self.quantities()
        total = quantities.get(product.pk, 0) + quantity
        if total > product.stock_quantity:
            return None
        quantities[product.pk] = total
        self.session[SESSION_KEY] = {str(pk): qty for pk, qty in quantities.items()}
        self._added(product, total)
        return total

    def remove(self, product_id: int) -> None:
        quantities = self.quantities()
        quantities.pop(product_id, None)
        self._store(quantities)

    def clear(self, product_ids=None) -> None:
        if product_ids is None:
            self.session.pop(SESSION_KEY, None)
            self._changed()
            return
        quantities = self.quantities()
        for product_id in product_ids:
            quantities.pop(product_id, None)
        self._store(quantities)

    def count(self) -> int:
        """Units of products still sold (one query when the cart is not empty)."""
        return sum(line.quantity for line in self.lines())

    def _load_lines(self) -> list[CartLine]:
        quantities = self.quantities()
        if not quantities:
            return []
        products = products_sellable_by_id(quantities)
        return [CartLine(products[pk], qty) for pk, qty in quantities.items() if pk in products]


class DatabaseCart(_CachedLines):
    """A signed-in buyer's cart: one `CartItem` row per product."""

    is_persistent = True

    def __init__(self, user):
        self.user = user

    def _items(self):
        return CartItem.objects.filter(user=self.user)

    def quantities(self) -> dict[int, int]:
        return dict(self._items().values_list("product_id", "quantity"))

    def quantity_of(self, product_id: int) -> int:
        return self._items().filter(product_id=product_id).values_list("quantity", flat=True).first() or 0

    def set(self, product_id: int, quantity: int) -> None:
        # One INSERT … ON CONFLICT DO UPDATE on the one-line-per-product constraint, not a savepoint,
        # a SELECT and an UPDATE: the line keeps its `added_at` (its place in the cart).
        CartItem.objects.bulk_create(
            [CartItem(user=self.user, product_id=product_id, quantity=quantity)],
            update_conflicts=True,
            unique_fields=["user", "product"],
            update_fields=["quantity", "updated_at"],
        )
        self._changed()

    def add(self, product: Product, quantity: int) -> int | None:
        """Add to the line in one statement; the new total, or None (nothing changed) when it would
        pass the stock. The sum is the database's, so two quick clicks both count, never past it."""
        maximum = product.stock_quantity
        if quantity > maximum:
            return None
        table = connection.ops.quote_name(CartItem._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(  # the table name is the model's; every value is a parameter
                f"INSERT INTO {table} (user_id, product_id, quantity, added_at, updated_at)"  # noqa: S608
                " VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (user_id, product_id) DO UPDATE"
                f" SET quantity = {table}.quantity + excluded.quantity, updated_at = excluded.updated_at"
                f" WHERE {table}.quantity + excluded.quantity <= %s"
                " RETURNING quantity",
                [self.user.pk, product.pk, quantity, now, now, maximum],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        self._added(product, row[0])
        return row[0]

    def remove(self, product_id: int) -> None:
        self._items().filter(product_id=product_id).delete()
        self._changed()

    def clear(self, product_ids=None) -> None:
        items = self._items()
        if product_ids is not None:
            items = items.filter(product_id__in=list(product_ids))
        items.delete()
        self._changed()

    def count(self) -> int:
        """Units in the cart: from the loaded lines, else one aggregate query."""
        if self._lines is not None:
            return sum(line.quantity for line in self._lines)
        quantities = self.quantities()
        sellable = product_ids_sellable(quantities)
        return sum(quantity for product_id, quantity in quantities.items() if product_id in sellable)

    def _load_lines(self) -> list[CartLine]:
        lines = _lines_read(self.user.pk)
        sellable = product_ids_sellable({product.pk for product, _quantity in lines})
        return [CartLine(product, quantity) for product, quantity in lines if product.pk in sellable]


_QUANTITY_COLUMN = "cart_line_quantity"


def _lines_read(user_id: int) -> list[tuple[Product, int]]:
    """(product, quantity) of a buyer's cart lines, from `_lines_sql` (`hurtrock.rawrows`)."""
    rows = instances_from_sql(Product, _lines_sql(connection.vendor), [user_id], prepared=True)
    return [(product, quantity) for product, (quantity,) in rows]


@functools.cache
def _lines_sql(vendor: str) -> str:
    """A buyer's cart lines with their products, in the cart's order (`CartItem.Meta.ordering`).

    Written once per process from the models' own table and column names, and made into products
    by `hurtrock.rawrows.instances_from_sql` (with the fields' converters): compiling the
    same join with `select_related("product")` cost more Python than anything else in a cart add
    (the ORM's SELECT for 40 columns, the joins and the ordering, on every request)."""
    quote = connection.ops.quote_name
    cart, product = CartItem._meta, Product._meta
    columns = ", ".join(f"p.{quote(field.column)}" for field in product.concrete_fields)
    order = ", ".join(f"c.{quote(cart.get_field(name).column)}" for name in cart.ordering)
    return (
        f"SELECT {columns}, c.{quote(cart.get_field('quantity').column)} AS {_QUANTITY_COLUMN}"  # noqa: S608
        f" FROM {quote(cart.db_table)} c INNER JOIN {quote(product.db_table)} p"
        f" ON p.{quote(product.pk.column)} = c.{quote(cart.get_field('product').column)}"
        f" WHERE c.{quote(cart.get_field('user').column)} = %s ORDER BY {order}"
    )


def cart_for_request(request) -> SessionCart | DatabaseCart:
    """The cart of whoever makes the request, memoised on the request."""
    cart = getattr(request, "_hurtrock_cart", None)
    user = getattr(request, "user", None)
    wanted = DatabaseCart if user is not None and user.is_authenticated else SessionCart
    if not isinstance(cart, wanted) or (wanted is DatabaseCart and cart.user.pk != user.pk):
        cart = DatabaseCart(user) if wanted is DatabaseCart else SessionCart(request.session)
        request._hurtrock_cart = cart
    return cart
