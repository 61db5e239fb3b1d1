"""{% payment_panel order %}: the payment part of the order page (one include line in orders' template)."""

from django import template
from django.utils import timezone

from orders.models import OrderStatus, PaymentMethod
from orders.selectors import bank_account_get, payment_methods_available
from payments.forms import TransferProofForm
from payments.models import GATEWAYS, ProofStatus
from payments.selectors import payment_open_for, payments_for_order, transfer_proofs_for_order

register = template.Library()


@register.inclusion_tag("payments/partials/payment_panel.html", takes_context=True)
def payment_panel(context, order):
    request = context.get("request")
    is_owner = request is not None and request.user.is_authenticated and request.user.pk == order.user_id
    # Payable while pending and before the deadline (the expiry job may not have run yet).
    is_pending = order.status == OrderStatus.PENDING and not (
        order.payment_due_at and order.payment_due_at <= timezone.now()
    )
    payments = list(payments_for_order(order=order))
    proofs = (
        list(transfer_proofs_for_order(order=order))
        if order.payment_method == PaymentMethod.BANK_TRANSFER
        or any(p.provider == PaymentMethod.BANK_TRANSFER for p in payments)
        else []
    )
    methods = payment_methods_available() if is_owner and is_pending else []
    is_gateway = order.payment_method in GATEWAYS
    open_payment = payment_open_for(order=order, provider=order.payment_method) if is_gateway and is_pending else None
    return {
        "order": order,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "is_owner": is_owner,
        "is_pending": is_pending,
        "is_gateway": is_gateway,
        "payments": payments,
        "latest": payments[0] if payments else None,
        "open_payment": open_payment,
        "other_methods": [m for m in methods if m != order.payment_method],
        "method_available": order.payment_method in methods,
        "proofs": proofs,
        "proof_waiting": any(p.status == ProofStatus.SUBMITTED for p in proofs),
        "proof_form": TransferProofForm()
        if is_owner and is_pending and order.payment_method == PaymentMethod.BANK_TRANSFER
        else None,
        "bank": bank_account_get() if is_pending and order.payment_method == PaymentMethod.BANK_TRANSFER else None,
        "poll": is_owner and is_pending and is_gateway and bool(payments),
    }
