"""The buyer's orders, the tracking page (owner only; staff with the view permission too), and
the buyer's own actions: cancel an unpaid order (after a confirmation page), confirm receipt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orders.errors import OrderError
from orders.invoice import order_has_invoice, order_invoice_pdf
from orders.models import Order
from orders.selectors import bank_account_get, order_get_for_viewer, order_list_for_user
from orders.services import order_buyer_can_cancel, order_cancel_by_buyer, order_confirm_receipt
from orders.tracking import tracking_url


@require_GET
@login_required
def order_list(request):
    page = Paginator(order_list_for_user(user=request.user), 10).get_page(request.GET.get("page"))
    return render(request, "orders/order_list.html", {"page_obj": page})


@require_GET
@login_required
def order_detail(request, number: str):
    order = order_get_for_viewer(number=number, user=request.user)
    if order is None:
        raise Http404
    bank = bank_account_get() if order.is_awaiting_bank_transfer else None
    is_owner = order.user_id == request.user.pk
    context = {
        "order": order,
        "bank": bank,
        "can_cancel": is_owner and order_buyer_can_cancel(order),
        "can_confirm_receipt": is_owner and order.status == "shipped",
        "has_invoice": order_has_invoice(order),
        "sees_internal_notes": request.user.has_perm("orders.view_order"),
        "tracking_link": tracking_url(courier=order.tracking_courier, number=order.tracking_number),
    }
    return render(request, "orders/order_detail.html", context)


def _own_order(request, number: str) -> Order:
    """The signed-in buyer's own order (404 for anyone else's, staff included: these are the buyer's acts)."""
    order = Order.objects.filter(number=number, user=request.user).first()
    if order is None:
        raise Http404
    return order


@require_http_methods(["GET", "POST"])
@login_required
def order_cancel(request, number: str):
    """GET: "Cancel this order?" with what it means; POST: cancel it and give the stock back."""
    order = _own_order(request, number)
    if request.method == "POST":
        try:
            order_cancel_by_buyer(order=order, user=request.user)
        except OrderError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your order has been cancelled."))
        return redirect(order)
    if not order_buyer_can_cancel(order):
        messages.error(request, _("This order can no longer be cancelled here. Please contact the store."))
        return redirect(order)
    return render(request, "orders/order_cancel_confirm.html", {"order": order})


@require_POST
@login_required
def order_received(request, number: str):
    order = _own_order(request, number)
    try:
        order_confirm_receipt(order=order, user=request.user)
    except OrderError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you! Your order is marked as received."))
    return redirect(order)


@require_GET
@login_required
def order_invoice(request, number: str):
    """The invoice PDF of a paid order (the owner, or staff who may view orders)."""
    order = order_get_for_viewer(number=number, user=request.user)
    if order is None or not order_has_invoice(order):
        raise Http404
    response = HttpResponse(order_invoice_pdf(order=order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="invoice-{order.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
