"""The buyer's orders and the tracking page (owner only; staff with the view permission too)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from orders.selectors import bank_account_get, order_get_for_viewer, order_list_for_user


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
    return render(request, "orders/order_detail.html", {"order": order, "bank": bank})
