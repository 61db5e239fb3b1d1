"""The buyer's e-mail at each step of a return, in the language of the order, text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hurtrock.selectors import store_profile_get
from orders.models import ReturnRequest, ReturnStatus


def _intro(status: str) -> str:
    return {
        ReturnStatus.REQUESTED: _("We have received your return request and will answer soon."),
        ReturnStatus.APPROVED: _("Your return is approved: please send the goods back to the store."),
        ReturnStatus.REJECTED: _("We cannot accept this return."),
        ReturnStatus.RECEIVED: _("The goods you returned have arrived. The refund follows."),
        ReturnStatus.REFUNDED: _("Your refund has been sent."),
    }.get(status, "")


def return_email_send(*, return_id: int, status: str) -> None:
    request = (
        ReturnRequest.objects.select_related("order", "order__user")
        .prefetch_related("lines__order_line")
        .get(pk=return_id)
    )
    order = request.order
    with translation.override(order.language):
        subject = _("Your return for order %(number)s: %(status)s") % {
            "number": order.number,
            "status": ReturnStatus(status).label,
        }
        context = {
            "return_request": request,
            "order": order,
            "status_label": str(ReturnStatus(status).label),
            "intro": _intro(status),
            "store": store_profile_get(),
            "order_url": order.get_tracking_url(),
            "subject": subject,
        }
        text_body = render_to_string("emails/orders/return.txt", context)
        html_body = render_to_string("emails/orders/return.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.email],
    )
    message.attach_alternative(html_body, "text/html")
    message.send()
