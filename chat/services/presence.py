"""Who is connected: one ChatSession row per socket, closed on disconnect."""

from django.db import transaction
from django.utils import timezone

from chat.models import ChatRoom, ChatSession


@transaction.atomic
def session_open(*, room: ChatRoom | None, user, channel_name: str) -> ChatSession | None:
    """Record a socket. The staff lobby (room None) is recorded on no room."""
    if room is None:
        return None
    return ChatSession.objects.create(room=room, user=user, is_staff=user.is_staff, channel_name=channel_name)


@transaction.atomic
def session_close(*, session_id: int | None) -> None:
    if session_id:
        ChatSession.objects.filter(pk=session_id, disconnected_at__isnull=True).update(disconnected_at=timezone.now())


def sessions_close_stale(*, channel_prefix: str = "") -> int:
    """Close sessions left open by a crashed process (run at start-up of a process group)."""
    qs = ChatSession.objects.filter(disconnected_at__isnull=True)
    if channel_prefix:
        qs = qs.filter(channel_name__startswith=channel_prefix)
    return qs.update(disconnected_at=timezone.now())
