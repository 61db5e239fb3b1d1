"""Rooms: who may use which room, creation on first open, assignment and archiving."""

from django.db import transaction

from chat.errors import ChatForbidden
from chat.models import ChatRoom


def user_is_chat_staff(user) -> bool:
    """Staff and admins answer the chat (the role decides `is_staff`, see hurtrock.models.User)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def room_get_or_create_for_buyer(*, buyer) -> ChatRoom:
    """The buyer's one room, created on the first open (race-safe through the unique buyer)."""
    room, _ = ChatRoom.objects.get_or_create(buyer=buyer)
    return room


def room_get_for_user(*, name: str, user) -> ChatRoom:
    """The room `name` if `user` may join it (its buyer, or staff); ChatForbidden otherwise.

    The same error for a missing room and someone else's room: nothing tells a buyer which room
    names exist."""
    room = ChatRoom.objects.select_related("buyer").filter(name=name).first()
    if room is None or not (user_is_chat_staff(user) or room.buyer_id == user.pk):
        raise ChatForbidden("forbidden")
    return room


@transaction.atomic
def room_assign(*, room: ChatRoom, staff) -> ChatRoom:
    ChatRoom.objects.filter(pk=room.pk).update(assigned_to=staff)
    room.assigned_to = staff
    return room


@transaction.atomic
def room_set_archived(*, room: ChatRoom, archived: bool) -> ChatRoom:
    ChatRoom.objects.filter(pk=room.pk).update(is_archived=archived)
    room.is_archived = archived
    return room
