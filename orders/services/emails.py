"""Order e-mails to the buyer: placed, paid, shipped, delivered, cancelled and expired.

They go out after the transaction commits (never for an order that was rolled back) through the
tasks framework, rendered in the language the buyer used at checkout, as text and HTML.
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hurtrock.selectors import store_profile_get
from orders.models import Order


def _texts(kind: str, order: Order) -> dict:
    """Subject and opening lines per kind; called inside the buyer's language."""
    number = {"number": order.number}
    return {
        "placed": {
            "subject": _("Order %(number)s received") % number,
            "headline": _("Thank you for your order!"),
            "intro": _("We have received order %(number)s and reserved your items.") % number,
        },
        "paid": {
            "subject": _("Payment received for order %(number)s") % number,
            "headline": _("Payment received"),
            "intro": _("Your payment for order %(number)s is confirmed. We are packing your gear.") % number,
        },
        "shipped": {
            "subject": _("Order %(number)s is on its way") % number,
            "headline": _("Your order has shipped"),
            "intro": _("Order %(number)s has been handed to the courier.") % number,
        },
        "delivered": {
            "subject": _("Order %(number)s has been delivered") % number,
            "headline": _("Delivered"),
            "intro": _("Order %(number)s has been delivered. Rock on!") % number,
        },
        "cancelled": {
            "subject": _("Order %(number)s has been cancelled") % number,
            "headline": _("Order cancelled"),
            "intro": _("Order %(number)s has been cancelled.") % number,
        },
        "expired": {
            "subject": _("Order %(number)s has expired") % number,
            "headline": _("Order expired"),
            "intro": _("We did not receive the payment for order %(number)s in time, so it has been cancelled.")
            % number,
        },
    }[kind]


EMAIL_KINDS = ("placed", "paid", "shipped", "delivered", "cancelled", "expired")


def order_email_send(*, order_id: int, kind: str) -> None:
    """Render and send one order e-mail (runs inside a task)."""
    if kind not in EMAIL_KINDS:
        raise ValueError(f"Unknown order e-mail {kind!r}")
    order = Order.objects.select_related("user").prefetch_related("lines").get(pk=order_id)
    with translation.override(order.language):
        texts = _texts(kind, order)
        context = {
            "order": order,
            "kind": kind,
            "store": store_profile_get(),
            "order_url": order.get_tracking_url(),
            **texts,
        }
        text_body = render_to_string("emails/orders/order.txt", context)
        html_body = render_to_string("emails/orders/order.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + texts["subject"],
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.email],
    )
    message.attach_alternative(html_body, "text/html")
    message.send()


def order_email_enqueue(*, order: Order, kind: str) -> None:
    """Queue the e-mail once the current transaction commits."""
    from orders.tasks import order_email_send_task

    transaction.on_commit(partial(order_email_send_task.enqueue, order.pk, kind))
