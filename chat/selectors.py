"""Reads of the chat: the console's room list, history pages, unread counts, the dashboard panel."""

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone

from chat.models import ChatMessage, ChatRoom, ChatSession

HISTORY_PAGE = 30


def rooms_for_console(*, waiting_only: bool = False, archived: bool = False, query: str = ""):
    """Rooms by latest message, with unread buyer messages, the buyer's online state and the last
    text; one query whatever the number of rooms."""
    last_text = (
        ChatMessage.objects.filter(room=OuterRef("pk"), deleted_at__isnull=True).order_by("-pk").values("text")[:1]
    )
    rooms = (
        ChatRoom.objects.filter(is_archived=archived)
        .select_related("buyer", "assigned_to")
        .annotate(
            unread=Count(
                "messages",
                filter=Q(
                    messages__is_from_staff=False, messages__read_at__isnull=True, messages__deleted_at__isnull=True
                ),
            ),
            buyer_online=Exists(
                ChatSession.objects.filter(room=OuterRef("pk"), is_staff=False, disconnected_at__isnull=True)
            ),
            last_text=Subquery(last_text),
        )
        .filter(last_message_at__isnull=False)
        .order_by("-last_message_at", "-pk")
    )
    if waiting_only:
        rooms = rooms.filter(unread__gt=0)
    if query:
        rooms = rooms.filter(Q(buyer__email__icontains=query) | Q(buyer__name__icontains=query))
    return rooms


def messages_page(*, room: ChatRoom, before: int | None = None, limit: int = HISTORY_PAGE):
    """A page of history, newest `limit` before the cursor (a message id); returns (oldest first, has_more)."""
    qs = (
        ChatMessage.objects.filter(room=room, deleted_at__isnull=True)
        .select_related("sender", "room", "product", "order")
        .prefetch_related("product__images")
        .order_by("-pk")
    )
    if before is not None:
        qs = qs.filter(pk__lt=before)
    rows = list(qs[: limit + 1])
    has_more = len(rows) > limit
    return list(reversed(rows[:limit])), has_more


def unread_count(*, room: ChatRoom, for_staff: bool) -> int:
    """Messages the reader has not read yet: the buyer's for staff, the staff's for the buyer."""
    return ChatMessage.objects.filter(
        room=room, is_from_staff=not for_staff, read_at__isnull=True, deleted_at__isnull=True
    ).count()


def staff_online() -> list[dict]:
    rows = (
        ChatSession.objects.filter(is_staff=True, disconnected_at__isnull=True)
        .order_by()  # the model's ordering would defeat distinct()
        .values("user_id", "user__name", "user__email")
        .distinct()
    )
    return [{"id": r["user_id"], "name": r["user__name"] or r["user__email"]} for r in rows]


def buyer_online(*, room: ChatRoom) -> bool:
    return ChatSession.objects.filter(room=room, is_staff=False, disconnected_at__isnull=True).exists()


def chats_waiting() -> dict:
    """The dashboard panel: rooms with buyer messages no staff has read, and the oldest wait (one query)."""
    row = ChatMessage.objects.filter(
        is_from_staff=False, read_at__isnull=True, deleted_at__isnull=True, room__is_archived=False
    ).aggregate(rooms=Count("room", distinct=True), oldest=Min("created_at"))
    oldest = row["oldest"]
    return {
        "count": row["rooms"],
        "oldest": oldest,
        "waiting_minutes": int((timezone.now() - oldest).total_seconds() // 60) if oldest else 0,
    }


def chat_room_name_of(user) -> str:
    """The buyer's room name for the chat widget, or "" before their first chat."""
    return ChatRoom.objects.filter(buyer=user).values_list("name", flat=True).first() or ""
