"""`{% chat_widget %}` context: the buyer's room (if any) and the store's opening state."""

import json

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from chat.selectors import chat_room_name_of
from chat.store_hours import store_status

register = template.Library()


def widget_labels() -> dict:
    """Strings the widget's JavaScript shows (translated per request, passed through json_script)."""
    return {
        "read": _("Read"),
        "sent": _("Sent"),
        "you": _("You"),
        "photo": _("Photo"),
        "order": _("Order"),
        "in_stock": _("In stock"),
        "out_of_stock": _("Out of stock"),
        "tagged": _("Tagged:"),
        "remove_tag": _("Remove"),
        "no_orders": _("You have no orders yet."),
        "staff_online": _("Staff online"),
        "staff_offline": _("Staff offline"),
        "reconnecting": _("Reconnecting…"),
        "closed": _("We are closed now; staff are back %s."),
        "buyer_online": _("Buyer online"),
        "buyer_offline": _("Buyer offline"),
        "typing": _("Typing…"),
        "new_message": _("New message"),
    }


@register.inclusion_tag("chat/widget.html", takes_context=True)
def chat_widget(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    data = {"request": request, "user": user, "csp_nonce": context.get("csp_nonce"), "show": False}
    if user is None or (user.is_authenticated and user.is_staff):
        return data
    data["show"] = True
    if user.is_authenticated:
        room = context.get("chat_room_name")  # read already for a cached page (hurtrock/pagecache.py)
        data["room"] = chat_room_name_of(user) if room is None else room
        data["store_json"] = json.dumps(store_status())
        data["chat_open"] = context.get("chat_open", False)
        data["max_length"] = settings.CHAT_MESSAGE_MAX_LENGTH
        data["labels"] = widget_labels()
    return data


@register.inclusion_tag("chat/partials/dashboard_panel.html")
def chat_waiting_panel():
    from chat.selectors import chats_waiting

    return {"waiting": chats_waiting()}
