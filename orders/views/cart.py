"""Cart pages. Every change answers JSON to fetch() (Accept: application/json) and redirects with a
message otherwise, so the cart works the same with and without JavaScript."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.models import Product
from hurtrock.redirects import safe_next_url
from orders.cart import cart_for_request
from orders.errors import CartError, ProductNotSold
from orders.forms import parse_quantity
from orders.selectors import cart_payload, cart_summary
from orders.services import cart_add_item, cart_remove_item, cart_set_quantity
from orders.services.promotions import voucher_preview
from orders.views.vouchers import voucher_code_of


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, *, cart, ok: bool, message: str, fallback_url: str):
    if wants_json(request):
        status = 200 if ok else 400
        return JsonResponse({"ok": ok, "message": message, "cart": cart_payload(cart=cart)}, status=status)
    (messages.success if ok else messages.error)(request, message)
    return redirect(fallback_url)


@require_GET
def cart_detail(request):
    cart = cart_for_request(request)
    summary = cart_summary(cart=cart, images=True)
    code = voucher_code_of(request)
    discount, refusal = voucher_preview(code=code, user=request.user, cart_lines=summary.lines, shipping_cost=0)
    context = {
        "cart": summary,
        "voucher_code": code,
        "voucher_discount": discount,
        "voucher_refusal": refusal,
        "total_after_discount": summary.subtotal - (discount.amount if discount else 0),
    }
    return render(request, "orders/cart.html", context)


def _product_page(product_id: int) -> str:
    """Where a refused add sends a browser without JavaScript back to (one query, refusals only)."""
    product = Product.objects.filter(pk=product_id).only("slug").first()
    return product.get_absolute_url() if product else reverse("catalog:product_list")


@require_POST
def cart_add(request, product_id: int):
    cart = cart_for_request(request)
    quantity = parse_quantity(request.POST.get("quantity", "1"))
    try:
        change = cart_add_item(cart=cart, product_id=product_id, quantity=quantity)
    except ProductNotSold as error:
        raise Http404(error.message) from error
    except CartError as error:
        fallback = safe_next_url(request, _product_page(product_id))
        return _answer(request, cart=cart, ok=False, message=error.message, fallback_url=fallback)
    if request.POST.get("from_wishlist") and request.user.is_authenticated:
        from catalog.services.wishlist import wishlist_remove

        wishlist_remove(user=request.user, product_id=product_id)  # "move to cart" from the wishlist
    return _answer(
        request,
        cart=cart,
        ok=True,
        message=_("“%(name)s” is in your cart.") % {"name": change.product.name},
        fallback_url=reverse("orders:cart"),
    )


@require_POST
def cart_update(request, product_id: int):
    cart = cart_for_request(request)
    quantity = parse_quantity(request.POST.get("quantity"))
    try:
        change = cart_set_quantity(cart=cart, product_id=product_id, quantity=quantity)
    except CartError as error:
        return _answer(request, cart=cart, ok=False, message=error.message, fallback_url=reverse("orders:cart"))
    return _answer(
        request,
        cart=cart,
        ok=True,
        message=_("Quantity of “%(name)s” updated.") % {"name": change.product.name},
        fallback_url=reverse("orders:cart"),
    )


@require_POST
def cart_remove(request, product_id: int):
    cart = cart_for_request(request)
    cart_remove_item(cart=cart, product_id=product_id)
    return _answer(
        request, cart=cart, ok=True, message=_("Removed from your cart."), fallback_url=reverse("orders:cart")
    )
