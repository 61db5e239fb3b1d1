"""The staff console at /admin/chat/ (inside the admin's look, staff only).

Server-rendered room list and conversation; static/js/chat-console.js makes it live over the
socket. Assign and archive are plain POST forms (CSRF), so they work without JavaScript."""

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chat.models import ChatRoom, QuickReply
from chat.selectors import rooms_for_console, staff_online
from chat.services.rooms import room_assign, room_set_archived, user_is_chat_staff
from chat.templatetags.chat import widget_labels
from orders.models import Order

RECENT_ORDERS = 5


def _staff_only(view):
    def wrapped(request, *args, **kwargs):
        if not user_is_chat_staff(request.user):
            return render(request, "error.html", {"status": 403}, status=403)
        return view(request, *args, **kwargs)

    return admin.site.admin_view(wrapped)


def console(request):
    waiting = request.GET.get("waiting") == "1"
    archived = request.GET.get("archived") == "1"
    rooms = list(rooms_for_console(waiting_only=waiting, archived=archived)[:100])
    current = None
    name = request.GET.get("room")
    if name:
        current = get_object_or_404(ChatRoom.objects.select_related("buyer", "assigned_to"), name=name)
    elif rooms:
        current = rooms[0]
    orders = (
        list(Order.objects.filter(user_id=current.buyer_id).order_by("-created_at")[:RECENT_ORDERS]) if current else []
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Live chat"),
        "rooms": rooms,
        "current": current,
        "orders": orders,
        "quick_replies": list(QuickReply.objects.all()[:20]),
        "staff_online": staff_online(),
        "waiting": waiting,
        "archived": archived,
        "labels": widget_labels(),
    }
    return render(request, "chat/console.html", context)


@require_POST
def room_action(request, name):
    room = get_object_or_404(ChatRoom, name=name)
    action = request.POST.get("action")
    if action == "assign":
        room_assign(room=room, staff=request.user)
        messages.success(request, _("The conversation is assigned to you."))
    elif action == "archive":
        room_set_archived(room=room, archived=True)
        messages.success(request, _("The conversation is archived."))
    elif action == "unarchive":
        room_set_archived(room=room, archived=False)
        messages.success(request, _("The conversation is back in the list."))
    return redirect(f"{reverse('chat_console')}?room={room.name}")


urlpatterns = [
    path("", _staff_only(console), name="chat_console"),
    path("rooms/<str:name>/action/", _staff_only(room_action), name="chat_console_action"),
]
