"""Thin HTTP views of the chat: the buyer's page, the REST API and the photo upload.

API errors are JSON: 401 (not signed in), 403 (not allowed), 404 (no such room *for you*: a buyer
asking for another buyer's room gets 404 and no data)."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from chat.consumers import events_send, message_events, read_events
from chat.errors import ChatError
from chat.models import ChatRoom
from chat.presenters import message_json, order_card_json, room_json
from chat.selectors import messages_page, rooms_for_console
from chat.services.messages import message_send, messages_mark_read
from chat.services.photos import chat_photo_prepare
from chat.services.rooms import room_get_or_create_for_buyer, user_is_chat_staff
from chat.store_hours import store_status
from orders.models import Order

ROOMS_LIMIT = 100


def _error(status: int, code: str, detail: str = "") -> JsonResponse:
    return JsonResponse({"error": code, "detail": detail or code}, status=status)


def _room_or_error(request, name: str):
    """(room, None) or (None, error response)."""
    if not request.user.is_authenticated:
        return None, _error(401, "unauthenticated")
    room = ChatRoom.objects.select_related("buyer").filter(name=name).first()
    if room is None or not (user_is_chat_staff(request.user) or room.buyer_id == request.user.pk):
        return None, _error(404, "not_found")
    return room, None


def room_page(request):
    """`chat:room`: the buyer's chat (the widget, opened). Visitors sign in first and come back."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user_is_chat_staff(request.user):
        return redirect("chat_console")
    return render(request, "chat/room.html", {"chat_open": True})


@require_GET
def api_rooms(request):
    if not request.user.is_authenticated:
        return _error(401, "unauthenticated")
    if not user_is_chat_staff(request.user):
        return _error(403, "forbidden")
    rooms = rooms_for_console(
        waiting_only=request.GET.get("waiting") == "1",
        archived=request.GET.get("archived") == "1",
        query=request.GET.get("q", "").strip()[:100],
    )[:ROOMS_LIMIT]
    return JsonResponse({"results": [room_json(room) for room in rooms]})


@require_POST
def api_my_room(request):
    """The signed-in buyer's room (created on the first open) and the store's opening state."""
    if not request.user.is_authenticated:
        return _error(401, "unauthenticated")
    if user_is_chat_staff(request.user):
        return _error(403, "forbidden", "staff use the console")
    room = room_get_or_create_for_buyer(buyer=request.user)
    return JsonResponse({"room": room.name, "store": store_status()})


@require_GET
def api_messages(request, name):
    room, error = _room_or_error(request, name)
    if error:
        return error
    try:
        before = int(request.GET["before"]) if request.GET.get("before") else None
    except ValueError:
        return _error(400, "invalid_cursor")
    rows, has_more = messages_page(room=room, before=before)
    staff = user_is_chat_staff(request.user)
    return JsonResponse(
        {
            "results": [message_json(m, for_staff=staff) for m in rows],
            "has_more": has_more,
            "next_before": rows[0].pk if rows and has_more else None,
        }
    )


@require_POST
def api_mark_read(request, name):
    room, error = _room_or_error(request, name)
    if error:
        return error
    staff = user_is_chat_staff(request.user)
    count, up_to = messages_mark_read(room=room, reader=request.user, up_to=request.POST.get("up_to") or None)
    if count:
        async_to_sync(events_send)(get_channel_layer(), read_events(room, reader_is_staff=staff, up_to=up_to))
    return JsonResponse({"marked": count, "up_to": up_to})


@require_POST
def api_photo(request, name):
    room, error = _room_or_error(request, name)
    if error:
        return error
    upload = request.FILES.get("photo")
    if upload is None:
        return _error(400, "no_photo")
    try:
        photo = chat_photo_prepare(upload)
        message, _created = message_send(
            room=room,
            sender=request.user,
            text=request.POST.get("text", ""),
            client_id=request.POST.get("client_id", ""),
            image=photo,
        )
    except ChatError as exc:
        return _error(400, exc.code, exc.detail)
    async_to_sync(events_send)(get_channel_layer(), message_events(message))
    return JsonResponse({"message": message_json(message, for_staff=user_is_chat_staff(request.user))}, status=201)


@require_GET
def api_orders(request, name):
    """The room buyer's recent orders, to tag one (the buyer sees their own; staff the room's buyer's)."""
    room, error = _room_or_error(request, name)
    if error:
        return error
    staff = user_is_chat_staff(request.user)
    orders = Order.objects.filter(user_id=room.buyer_id).order_by("-created_at")[:10]
    return JsonResponse({"results": [order_card_json(order, for_staff=staff) for order in orders]})
