"""Cart changes: add, set, remove, and the merge of a visitor's cart into the buyer's at login.

Quantities are whole numbers from 1 to what is in stock. The cart never reserves stock (placing
the order does); it only refuses quantities the shop could not sell right now.

Merge rule (at login): for every product in the visitor's session cart, the buyer's saved quantity
and the session quantity are ADDED, then CAPPED at the product's current stock. Products that are
inactive or out of stock are dropped from the session part (a saved line stays as it was). The
session cart is emptied afterwards, so logging in twice never doubles anything.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Product
from catalog.selectors import product_for_sale, product_ids_sellable
from orders.cart import DatabaseCart, SessionCart
from orders.errors import ProductNotSold, QuantityError


def _product_for_sale(product_id: int) -> Product:
    """The product, loaded through the sell rule (one query); refused when it is not sold."""
    product = product_for_sale(product_id=product_id)
    if product is None:
        raise ProductNotSold(_("This product is no longer sold."))
    return product


def _check_out_of_stock(product: Product) -> None:
    if product.stock_quantity < 1:
        raise QuantityError(maximum=0, message=_("“%(name)s” is out of stock.") % {"name": product.name})


def _check_quantity(quantity, *, maximum: int) -> int:
    # None is what orders.forms.parse_quantity returns for input that is not a whole number ≥ 1.
    # bool is an int in Python; True must not become "1 guitar".
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= maximum:
        raise QuantityError(maximum=maximum)
    return quantity


@dataclass(frozen=True)
class CartChange:
    product: Product
    quantity: int  # the product's quantity in the cart now


def cart_add_item(*, cart: SessionCart | DatabaseCart, product_id: int, quantity: int | None) -> CartChange:
    """Add `quantity` units; the cart's total for the product may not pass the stock.

    The cart's lines are read first (the answer shows them anyway): a product already among them
    has passed the sell rule in this request and is not read again, and the lines are kept in step
    with the add instead of being read twice. No transaction: the add is one statement (`add`
    sums in the database and refuses a total over the stock), so two quick clicks both count and
    neither can pass the stock."""
    in_cart = {line.product.pk: line for line in cart.lines()}
    product = in_cart[product_id].product if product_id in in_cart else _product_for_sale(product_id)
    _check_out_of_stock(product)
    _check_quantity(quantity, maximum=product.stock_quantity)
    total = cart.add(product, quantity)
    if total is None:
        current = cart.quantity_of(product.pk)
        raise QuantityError(
            maximum=product.stock_quantity - current,
            message=_("Only %(stock)s in stock and %(current)s already in your cart.")
            % {"stock": product.stock_quantity, "current": current},
        )
    return CartChange(product=product, quantity=total)


def cart_set_quantity(*, cart: SessionCart | DatabaseCart, product_id: int, quantity: int | None) -> CartChange:
    """Set the product's quantity to a whole number from 1 to the stock."""
    product = _product_for_sale(product_id)
    _check_out_of_stock(product)
    _check_quantity(quantity, maximum=product.stock_quantity)
    cart.set(product.pk, quantity)
    return CartChange(product=product, quantity=quantity)


def cart_remove_item(*, cart: SessionCart | DatabaseCart, product_id: int) -> None:
    cart.remove(product_id)


@dataclass
class CartMergeResult:
    added: int = 0
    capped: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


@transaction.atomic
def cart_merge(*, session_cart: SessionCart, user) -> CartMergeResult:
    """Move a visitor's cart into the buyer's saved cart (rule in the module docstring)."""
    result = CartMergeResult()
    incoming = session_cart.quantities()
    if not incoming:
        return result
    database_cart = DatabaseCart(user)
    saved = database_cart.quantities()
    products = Product.objects.filter(pk__in=incoming).in_bulk()
    visible = product_ids_sellable(incoming)
    for product_id, quantity in incoming.items():
        product = products.get(product_id)
        if product is None:
            continue
        if product_id not in visible or product.stock_quantity < 1:
            result.dropped.append(product.name)
            continue
        wanted = saved.get(product_id, 0) + quantity
        merged = min(wanted, product.stock_quantity)
        if merged < wanted:
            result.capped.append(product.name)
        if merged != saved.get(product_id, 0):
            database_cart.set(product_id, merged)
            result.added += 1
    session_cart.clear()
    return result
