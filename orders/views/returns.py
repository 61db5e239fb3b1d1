"""The buyer's return request for a delivered order (the form, and its submission)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from orders.forms import parse_quantity
from orders.selectors import order_get_for_viewer
from orders.services.returns import (
    MAX_RETURN_PHOTOS,
    ReturnError,
    ReturnLineRequest,
    return_deadline,
    return_request_create,
    returnable_quantities,
)


@login_required
@require_http_methods(["GET", "POST"])
def return_request(request, number: str):
    order = order_get_for_viewer(number=number, user=request.user)
    if order is None or order.user_id != request.user.pk:
        raise Http404
    left = returnable_quantities(order)
    errors: list[str] = []
    if request.method == "POST":
        lines = []
        for line in order.lines.all():
            raw = request.POST.get(f"qty_{line.pk}", "").strip()
            if raw in ("", "0"):
                continue
            quantity = parse_quantity(raw)
            if quantity is None:
                errors.append(_("Quantities must be whole numbers."))
                break
            lines.append(ReturnLineRequest(order_line_id=line.pk, quantity=quantity))
        if not errors:
            try:
                return_request_create(
                    order=order,
                    user=request.user,
                    lines=lines,
                    reason=request.POST.get("reason", ""),
                    photos=request.FILES.getlist("photos"),
                )
            except ReturnError as error:
                errors.append(error.message)
            else:
                messages.success(request, _("Your return request is sent. We will answer by e-mail."))
                return redirect(order)
    rows = [(line, left.get(line.pk, 0), request.POST.get(f"qty_{line.pk}", "")) for line in order.lines.all()]
    context = {
        "order": order,
        "rows": rows,
        "deadline": return_deadline(order),
        "errors": errors,
        "reason": request.POST.get("reason", ""),
        "max_photos": MAX_RETURN_PHOTOS,
        "returns": order.returns.prefetch_related("lines__order_line"),
    }
    return render(request, "orders/return_request.html", context, status=400 if errors else 200)
