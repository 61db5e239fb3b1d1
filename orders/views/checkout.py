"""Checkout: a complete profile, the delivery address for this order, a courier with its live quote,
a payment method and the summary. Placing the order is `orders.services.order_place`."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hurtrock.templatetags.rupiah import format_rupiah
from inventory.errors import InsufficientStock
from orders.admission import checkout_admission
from orders.cart import cart_for_request
from orders.errors import CheckoutError, PromotionUnavailable, VoucherRefused
from orders.forms import CheckoutForm
from orders.models import Order, PaymentMethod
from orders.selectors import cart_summary, payment_methods_available
from orders.services import DeliveryAddress, order_place
from orders.services.checkout import courier_label
from orders.services.promotions import voucher_code_clean, voucher_preview
from orders.views.vouchers import SESSION_KEY as VOUCHER_SESSION_KEY
from orders.views.vouchers import voucher_code_of
from shipping.errors import ShippingError
from shipping.models import Destination
from shipping.selectors import destination_active_get, destination_for, destinations_for_select
from shipping.services import shipping_quote


def _destination(*, city: str, province: str, chosen) -> Destination | None:
    """The delivery area the parcel is priced for: always the one the address names when it names
    one. A chosen area is used only when the address matches none, or when it lies in the same
    province as the address's own (the nearest listed town); a chosen area elsewhere is ignored, so
    a parcel to Jayapura cannot be priced as one to Bandung (issue #16)."""
    derived = destination_for(city=city or "", province=province or "")
    picked = destination_active_get(chosen) if chosen else None
    if picked is None:
        return derived
    if derived is None or picked.province == derived.province:
        return picked
    return derived


def _quotes(*, lines, destination) -> tuple[list, str]:
    if destination is None:
        return [], ""
    try:
        return shipping_quote(lines=[(line.product, line.quantity) for line in lines], destination=destination), ""
    except ShippingError as error:
        return [], str(error)


def _stock_message(product) -> str:
    if product.stock_quantity < 1:
        return _("%(product)s is out of stock.") % {"product": product.name}
    return _("Only %(available)d of %(product)s left: please lower the quantity.") % {
        "product": product.name,
        "available": product.stock_quantity,
    }


def shown_prices_encode(lines) -> str:
    """The unit prices on the page ("12:1500000,15:99000"): order_place refuses if one has changed."""
    return ",".join(f"{line.product.pk}:{line.unit_price}" for line in lines)


def shown_prices_decode(raw) -> dict[int, int] | None:
    result = {}
    for part in str(raw or "").split(",")[:200]:
        product_id, _sep, price = part.partition(":")
        try:
            result[int(product_id)] = int(price)
        except ValueError:
            continue
    return result or None


def _existing_order(request) -> Order | None:
    try:
        key = uuid.UUID(request.POST.get("idempotency_key", ""))
    except ValueError:
        return None
    return Order.objects.filter(idempotency_key=key, user=request.user).first()


# The gate first: a submission waits for its turn before its user is loaded (no database work,
# so no connection, while it waits); the gate itself lets only signed-in sessions queue.
@checkout_admission
@login_required
@require_http_methods(["GET", "POST"])
def checkout(request):
    user = request.user
    if not user.is_profile_complete:
        messages.info(request, _("Please complete your profile (name, phone and address) before checking out."))
        return redirect(f"{reverse('profile')}?{urlencode({'next': reverse('orders:checkout')})}")

    summary = cart_summary(cart=cart_for_request(request))
    if summary.is_empty and request.method == "POST":
        # A second submit of this same form (or a simultaneous one) placed the order and emptied
        # the cart: show that order. (With the cart still full, order_place returns it.)
        existing = _existing_order(request)
        if existing is not None:
            return redirect(existing)
    if summary.is_empty:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    if summary.has_stock_problem:
        for line in summary.lines:
            if line.is_over_stock:
                messages.error(request, _stock_message(line.product))
        return redirect("orders:cart")

    placing = request.method == "POST" and request.POST.get("action") != "quote"
    source = request.POST if request.method == "POST" else CheckoutForm.initial_from_user(user)
    destination = _destination(
        city=source.get("city"), province=source.get("province"), chosen=source.get("destination")
    )
    quotes, quote_error = _quotes(lines=summary.lines, destination=destination)
    payment_methods = payment_methods_available()
    form_kwargs = {
        "quotes": quotes,
        "destinations": destinations_for_select(),
        "payment_methods": payment_methods,
    }
    if placing:
        form = CheckoutForm(request.POST, **form_kwargs)
    else:
        initial = request.POST.dict() if request.method == "POST" else dict(source)
        if request.method != "POST":
            initial["voucher_code"] = voucher_code_of(request)
        form = CheckoutForm(initial=initial, **form_kwargs)
    voucher_code = voucher_code_clean(form["voucher_code"].value())

    if placing and form.is_valid():
        if destination is None:
            form.add_error("destination", _("Pick the delivery area nearest to your address."))
        else:
            data = form.cleaned_data
            try:
                order = order_place(
                    user=user,
                    lines=[(line.product.pk, line.quantity) for line in summary.lines],
                    address=DeliveryAddress(**{name: data[name] for name in CheckoutForm.ADDRESS_FIELDS}),
                    destination=destination,
                    service=form.quotes[data["shipping_service"]].service,
                    payment_method=data["payment_method"],
                    idempotency_key=data["idempotency_key"],
                    language=translation.get_language() or "id",
                    note=data["note"],
                    voucher_code=voucher_code,
                    shown_prices=shown_prices_decode(request.POST.get("shown_prices")),
                    offered_methods=payment_methods,
                )
            except VoucherRefused as error:
                form.add_error("voucher_code", error.message)
            except PromotionUnavailable as error:  # the flash price is gone: the form shows the new total
                form.add_error(None, error.message)
            except InsufficientStock as error:
                # As when the cart check finds it short: back to the cart, where it can be changed
                # (and a cheap answer for the many who lose a rush for the last units).
                messages.error(request, error.message)
                return redirect("orders:cart")
            except CheckoutError as error:
                form.add_error(None, error.message)
            else:
                request.session.pop(VOUCHER_SESSION_KEY, None)
                messages.success(request, _("Thank you! Your order %(number)s is placed.") % {"number": order.number})
                if order.payment_method != PaymentMethod.BANK_TRANSFER:
                    # A gateway: straight on to its payment page (payments app, "Pay now").
                    return redirect("payments:order_pay", number=order.number)
                return redirect(order)

    selected = form.quotes.get(_as_int(form["shipping_service"].value()))
    if selected is None and quotes:
        selected = quotes[0]
    if voucher_code and not placing and request.session.get(VOUCHER_SESSION_KEY) != voucher_code:
        request.session[VOUCHER_SESSION_KEY] = voucher_code
    elif request.method == "POST" and not voucher_code and VOUCHER_SESSION_KEY in request.session:
        request.session.pop(VOUCHER_SESSION_KEY, None)
    discount, voucher_refusal = voucher_preview(
        code=voucher_code, user=user, cart_lines=summary.lines, shipping_cost=selected.cost if selected else 0
    )
    discount_amount = discount.amount if discount else 0

    def total_with(cost: int) -> int:
        return summary.subtotal + cost - (discount.amount_with_shipping(cost) if discount else 0)

    context = {
        "form": form,
        "cart": summary,
        "shown_prices": shown_prices_encode(summary.lines),
        "voucher_discount": discount,
        "voucher_refusal": voucher_refusal,
        "destination": destination,
        "quote_error": quote_error,
        "unknown_city": destination is None,
        "selected_quote": selected,
        "payment_methods": payment_methods,
        "shipping_options": [
            {
                "quote": quote,
                "checked": selected is not None and quote.service.pk == selected.service.pk,
                "total": total_with(quote.cost),
            }
            for quote in quotes
        ],
        "total": summary.subtotal + (selected.cost if selected else 0) - discount_amount,
    }
    return render(request, "orders/checkout.html", context)


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def checkout_quote(request):
    """Live quotes for the address being typed (JSON for checkout.js)."""
    summary = cart_summary(cart=cart_for_request(request))
    destination = _destination(
        city=request.GET.get("city", ""),
        province=request.GET.get("province", ""),
        chosen=request.GET.get("destination"),
    )
    quotes, error = _quotes(lines=summary.lines, destination=destination)
    discount, _refusal = voucher_preview(
        code=voucher_code_of(request), user=request.user, cart_lines=summary.lines, shipping_cost=0
    )

    def total_with(cost: int) -> int:
        return summary.subtotal + cost - (discount.amount_with_shipping(cost) if discount else 0)

    if destination is None:
        error = _("We do not know that city: pick the delivery area nearest to your address.")
    return JsonResponse(
        {
            "destination": str(destination) if destination else None,
            "error": error,
            "subtotal": summary.subtotal,
            "subtotal_display": format_rupiah(summary.subtotal),
            "quotes": [
                {
                    "service_id": quote.service.pk,
                    "label": f"{courier_label(quote.service)} {quote.service.name}",
                    "cost": quote.cost,
                    "cost_display": format_rupiah(quote.cost),
                    "total_display": format_rupiah(total_with(quote.cost)),
                    "days": f"{quote.min_days}–{quote.max_days}",
                    "chargeable_kg": quote.chargeable_kg,
                    # Same wording as the server-rendered option in checkout.html.
                    "detail": _("%(min)s–%(max)s days · %(kg)s kg chargeable")
                    % {"min": quote.min_days, "max": quote.max_days, "kg": quote.chargeable_kg},
                }
                for quote in quotes
            ],
        },
        status=200 if destination else 400,
    )
