"""The voucher box of the cart: apply a code (kept in the session until checkout) or remove it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orders.cart import cart_for_request
from orders.services.promotions import voucher_code_clean, voucher_preview

SESSION_KEY = "voucher_code"


def voucher_code_of(request) -> str:
    return voucher_code_clean(request.session.get(SESSION_KEY, ""))


@require_POST
def cart_voucher_apply(request):
    code = voucher_code_clean(request.POST.get("voucher_code"))
    if not code:
        messages.error(request, _("Enter a voucher code."))
        return redirect("orders:cart")
    discount, refusal = voucher_preview(
        code=code, user=request.user, cart_lines=cart_for_request(request).lines(), shipping_cost=0
    )
    if discount is None:
        messages.error(request, refusal)
        return redirect("orders:cart")
    request.session[SESSION_KEY] = code
    messages.success(request, _("Voucher %(code)s applied.") % {"code": code})
    return redirect("orders:cart")


@require_POST
def cart_voucher_remove(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Voucher removed."))
    return redirect("orders:cart")
