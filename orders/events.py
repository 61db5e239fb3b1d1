"""Order events as codes with parameters, turned into text in the READER's language.

An event written at event time in the server's language ("Pesanan dibuat.") stays in that
language forever; a code ("placed") with its parameters is rendered when someone reads the
history, in their language. `EVENT_TEXTS` is the registry (lazy texts, formatted only when read);
`order_event_record` is the one way the orders app writes an event. Free text (a staff note, the
payments app's notes) still goes in `note`, shown as written, and to the buyer only when
`note_is_public` (staff tick "show to the buyer"); staff always see it, marked internal.
"""

from django.utils.translation import gettext_lazy as _

from orders.models import Order, OrderEvent, PaymentMethod

EVENT_TEXTS = {
    "placed": _("Order placed."),
    "packed": _("Packed for shipping."),
    "shipped": _("Shipped with %(courier)s, tracking number %(number)s."),
    "payment_method_changed": _("Payment method changed to %(method)s."),
    "expired": _("Payment not received within %(minutes)s minutes."),
    "bulk": _("Bulk action."),
    "cancelled_by_buyer": _("Cancelled by the buyer."),
    "received_by_buyer": _("The buyer confirmed receipt."),
    "auto_delivered": _("Marked delivered automatically %(days)s days after shipping."),
}

# Parameters stored as codes and shown as their label in the reader's language.
_PARAM_LABELS = {"method": PaymentMethod}


def order_event_text(*, code: str, params: dict | None = None) -> str:
    """The text of an event code in the active language ("" for an unknown code)."""
    text = EVENT_TEXTS.get(code)
    if text is None:
        return ""
    shown = {}
    for key, value in (params or {}).items():
        choices = _PARAM_LABELS.get(key)
        shown[key] = str(choices(value).label) if choices and value in choices.values else value
    try:
        return str(text) % shown if shown else str(text)
    except (KeyError, TypeError, ValueError):
        return str(text)


def order_event_record(
    order: Order,
    code: str = "",
    *,
    user=None,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str = "",
    note_is_public: bool = False,
    **params,
) -> OrderEvent:
    """Append one event to the order's history: a registry `code` with `params`, and/or free text."""
    if code and code not in EVENT_TEXTS:
        raise ValueError(f"unknown order event code {code!r}")
    return OrderEvent.objects.create(
        order=order,
        user=user,
        from_status=order.status if from_status is None else from_status,
        to_status=order.status if to_status is None else to_status,
        code=code,
        params=params,
        note=note,
        note_is_public=note_is_public,
    )
