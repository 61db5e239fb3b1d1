"""Thin views: gateway notifications, "Pay now", the return pages, payment status, transfer proofs."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orders.errors import OrderError
from orders.models import OrderStatus
from orders.selectors import order_get_for_viewer
from orders.services import order_payment_method_change
from payments.errors import GatewayError, PaymentError, ProofError
from payments.forms import TransferProofForm
from payments.models import GATEWAYS, Payment, PaymentStatus, Provider, TransferProof
from payments.selectors import payment_by_reference
from payments.services import payment_refresh, payment_start, transfer_proof_submit
from payments.services.notifications import Inbound, midtrans_notification_receive, stripe_webhook_receive

logger = logging.getLogger(__name__)


def _inbound(request) -> Inbound:
    return Inbound(body=request.body, headers=dict(request.headers), remote_addr=request.META.get("REMOTE_ADDR"))


@csrf_exempt
@require_POST
def stripe_webhook(request):
    answer = stripe_webhook_receive(_inbound(request))
    return JsonResponse({"outcome": answer.outcome}, status=answer.status)


@csrf_exempt
@require_POST
def midtrans_notification(request):
    answer = midtrans_notification_receive(_inbound(request))
    return JsonResponse({"outcome": answer.outcome}, status=answer.status)


def _own_order(request, number: str):
    order = order_get_for_viewer(number=number, user=request.user)
    if order is None or order.user_id != request.user.pk:
        raise Http404
    return order


@login_required
@require_http_methods(["GET", "POST"])
def order_pay(request, number: str):
    """GET resumes (or opens) the payment for the order's method; POST may switch method or restart."""
    order = _own_order(request, number)
    restart = False
    if request.method == "POST":
        method = request.POST.get("method") or order.payment_method
        try:
            order_payment_method_change(order=order, payment_method=method, user=request.user)
        except OrderError as error:
            messages.error(request, error.message)
            return redirect(order)
        restart = request.POST.get("restart") == "1"
    if order.payment_method not in GATEWAYS:
        messages.info(request, _("Pay by bank transfer: the account and the exact amount are shown below."))
        return redirect(order)
    try:
        payment = payment_start(order=order, user=request.user, restart=restart)
    except (PaymentError, GatewayError) as error:
        messages.error(request, error.message)
        return redirect(order)
    return redirect(payment.redirect_url)


def _back_to_order(request, payment: Payment | None, *, finished: bool):
    """The buyer is back from the gateway: show the order's real state (asked server to server)."""
    if payment is None or payment.order.user_id != request.user.pk:
        raise Http404
    if payment.is_open:
        try:
            payment_refresh(payment=payment)
        except GatewayError as error:
            logger.info("payments: refresh on return failed for %s: %s", payment, error.message)
        payment.refresh_from_db()
    order = payment.order
    order.refresh_from_db()
    if order.status == OrderStatus.PAID or payment.status == PaymentStatus.PAID:
        messages.success(request, _("Payment received. Thank you!"))
    elif payment.status == PaymentStatus.ON_HOLD:
        messages.warning(request, _("Your payment is being reviewed by the payment provider. We will e-mail you."))
    elif finished and payment.is_open:
        messages.info(request, _("We are waiting for the payment provider to confirm your payment."))
    else:
        messages.warning(request, _("The payment is not finished. You can pay again before the deadline."))
    return redirect(order)


@login_required
@require_GET
def payment_return(request, public_id):
    payment = Payment.objects.select_related("order").filter(public_id=public_id).first()
    return _back_to_order(request, payment, finished=request.GET.get("result") == "success")


def _midtrans_return(finished: bool):
    @login_required
    @require_GET
    def view(request):
        payment = payment_by_reference(provider=Provider.MIDTRANS, reference=request.GET.get("order_id", ""))
        return _back_to_order(request, payment, finished=finished)

    return view


midtrans_finish = _midtrans_return(finished=True)
midtrans_unfinish = _midtrans_return(finished=False)
midtrans_error = _midtrans_return(finished=False)


@login_required
@require_GET
def order_payment_status(request, number: str):
    """JSON for payment-status.js: the page reloads when the order leaves "awaiting payment"."""
    order = _own_order(request, number)
    return JsonResponse({"status": order.status, "status_display": order.get_status_display()})


@login_required
@require_POST
def transfer_proof_upload(request, number: str):
    order = _own_order(request, number)
    form = TransferProofForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            transfer_proof_submit(
                order=order,
                upload=form.cleaned_data["image"],
                user=request.user,
                sender_name=form.cleaned_data["sender_name"],
            )
        except ProofError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you! Our staff will check your transfer and confirm the payment."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(order)


@login_required
@require_GET
def transfer_proof_image(request, pk: int):
    """The picture, to its buyer and to staff who may see proofs; 404 for everyone else."""
    proof = get_object_or_404(TransferProof.objects.select_related("payment__order"), pk=pk)
    is_owner = proof.payment.order.user_id == request.user.pk
    if not (is_owner or request.user.has_perm("payments.view_transferproof")):
        raise Http404
    response = FileResponse(proof.image.open("rb"), content_type=_content_type(proof.image.name))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _content_type(name: str) -> str:
    return "image/webp" if name.endswith(".webp") else "image/jpeg"
