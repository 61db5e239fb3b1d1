"""The chat socket `/ws/chat/<room_name>/` (and the staff lobby `/ws/chat/_staff/`).

Authorization on connect: anonymous → close 4401; a buyer in another buyer's room, or a
non-staff user in the lobby → close 4403. The socket is accepted first so that the client sees
the code. Messages are saved (committed) first, then broadcast through the channel layer.
"""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import timezone
from django.utils.translation import gettext as _

from chat import protocol
from chat.errors import ChatError
from chat.presenters import message_json, user_json
from chat.selectors import buyer_online, messages_page, staff_online, unread_count
from chat.services.messages import message_send, messages_mark_read
from chat.services.presence import session_close, session_open
from chat.services.rooms import room_get_for_user, user_is_chat_staff


class ChatConsumer(AsyncWebsocketConsumer):
    room = None
    session_id = None

    async def connect(self):
        self.user = self.scope.get("user")
        await self.accept()
        if not self.user or not self.user.is_authenticated:
            await self.close(code=protocol.CLOSE_UNAUTHENTICATED)
            return
        self.is_staff = await database_sync_to_async(user_is_chat_staff)(self.user)
        name = self.scope["url_route"]["kwargs"]["room_name"]
        self.window = protocol.SlidingWindow(*protocol.rate_limit())
        self.groups_joined = []
        if name == protocol.LOBBY:
            if not self.is_staff:
                await self.close(code=protocol.CLOSE_FORBIDDEN)
                return
            await self._join(protocol.STAFF_GROUP)
            await self._send("ready", room=None, user=user_json(self.user), presence=await self._presence())
            return
        try:
            self.room = await database_sync_to_async(room_get_for_user)(name=name, user=self.user)
        except ChatError:
            await self.close(code=protocol.CLOSE_FORBIDDEN)
            return
        self.session_id = await database_sync_to_async(self._open_session)()
        await self._join(protocol.room_group(self.room.name))
        presence = await self._presence()
        unread = await database_sync_to_async(unread_count)(room=self.room, for_staff=self.is_staff)
        await self._send("ready", room=self.room.name, user=user_json(self.user), presence=presence, unread=unread)
        await self._broadcast_presence(online=True, presence=presence)

    def _open_session(self):
        session = session_open(room=self.room, user=self.user, channel_name=self.channel_name)
        return session.pk if session else None

    async def _join(self, group):
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.append(group)

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.session_id:
            await database_sync_to_async(session_close)(session_id=self.session_id)
            await self._broadcast_presence(online=False, presence=await self._presence())

    async def _presence(self) -> dict:
        def read():
            return {
                "buyer_online": buyer_online(room=self.room) if self.room else False,
                "staff": staff_online(),
            }

        return await database_sync_to_async(read)()

    async def _broadcast_presence(self, *, online: bool, presence: dict):
        event = {"type": "chat.presence", "user": user_json(self.user), "online": online, "presence": presence}
        await self.channel_layer.group_send(protocol.room_group(self.room.name), event)
        await self.channel_layer.group_send(protocol.STAFF_GROUP, {**event, "room": self.room.name})

    async def _send(self, type_, **payload):
        await self.send(text_data=protocol.frame(type_, **payload))

    async def _error(self, code, detail, **extra):
        await self._send("error", code=code, detail=detail, **extra)

    # --- frames from the client ---------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        try:
            data = json.loads(text_data or "")
        except ValueError:
            data = None
        if not isinstance(data, dict) or data.get("type") not in protocol.CLIENT_TYPES:
            await self._error("invalid", _("Unreadable frame."))
            return
        if data.get("v", protocol.VERSION) != protocol.VERSION:
            await self._error("version", _("Unsupported protocol version."))
            return
        if self.room is None:
            await self._error("invalid", _("The staff lobby only receives updates."))
            return
        handler = getattr(self, f"_on_{data['type']}")
        await handler(data)

    async def _on_message(self, data):
        client_id = str(data.get("client_id") or "")[:64]
        wait = self.window.hit()
        if wait:
            await self._error(
                "rate_limited",
                _("You are sending messages too quickly. Wait a moment and try again."),
                client_id=client_id,
                retry_after=wait,
            )
            return
        try:
            message, created = await database_sync_to_async(message_send)(
                room=self.room,
                sender=self.user,
                text=data.get("text", ""),
                product_id=data.get("product_id"),
                order_number=data.get("order_number"),
                client_id=client_id,
            )
        except ChatError as error:
            await self._error(error.code, error.detail, client_id=client_id)
            return
        await events_send(self.channel_layer, await database_sync_to_async(message_events)(message))

    async def _on_typing(self, data):
        await self.channel_layer.group_send(
            protocol.room_group(self.room.name),
            {
                "type": "chat.typing",
                "user": user_json(self.user),
                "is_typing": bool(data.get("is_typing")),
                "sender_channel": self.channel_name,
            },
        )

    async def _on_read(self, data):
        try:
            count, up_to = await database_sync_to_async(messages_mark_read)(
                room=self.room, reader=self.user, up_to=data.get("up_to")
            )
        except ChatError as error:
            await self._error(error.code, error.detail)
            return
        if count:
            await events_send(self.channel_layer, read_events(self.room, reader_is_staff=self.is_staff, up_to=up_to))

    async def _on_history(self, data):
        before = data.get("before")
        try:
            before = int(before) if before is not None else None
        except (TypeError, ValueError):
            await self._error("invalid", _("Invalid history cursor."))
            return

        def read():
            rows, has_more = messages_page(room=self.room, before=before)
            return [message_json(m, for_staff=self.is_staff) for m in rows], has_more

        messages, has_more = await database_sync_to_async(read)()
        await self._send("history", messages=messages, has_more=has_more)

    # --- events from the channel layer --------------------------------------------------------
    async def chat_message(self, event):
        message = event["staff_message"] if self.is_staff else event["message"]
        await self._send("message", message=message)

    async def chat_typing(self, event):
        if event.get("sender_channel") != self.channel_name:
            await self._send("typing", user=event["user"], is_typing=event["is_typing"])

    async def chat_read(self, event):
        await self._send(
            "read", reader_is_staff=event["reader_is_staff"], up_to=event["up_to"], read_at=event["read_at"]
        )

    async def chat_presence(self, event):
        await self._send(
            "presence", user=event["user"], online=event["online"], presence=event["presence"], room=event.get("room")
        )

    async def chat_room(self, event):
        await self._send("room", room=event["room"])


def message_events(message) -> list[tuple[str, dict]]:
    """(group, event) pairs announcing a saved message: to its room, and to the staff lobby (sync: reads the DB)."""
    buyer_shape, staff_shape = message_json(message), message_json(message, for_staff=True)
    return [
        (
            protocol.room_group(message.room.name),
            {"type": "chat.message", "message": buyer_shape, "staff_message": staff_shape},
        ),
        (protocol.STAFF_GROUP, {"type": "chat.room", "room": {"name": message.room.name, "message": staff_shape}}),
    ]


def read_events(room, *, reader_is_staff: bool, up_to: int) -> list[tuple[str, dict]]:
    return [
        (
            protocol.room_group(room.name),
            {
                "type": "chat.read",
                "reader_is_staff": reader_is_staff,
                "up_to": up_to,
                "read_at": timezone.now().isoformat(),
            },
        ),
        (protocol.STAFF_GROUP, {"type": "chat.room", "room": {"name": room.name, "read_up_to": up_to}}),
    ]


async def events_send(channel_layer, events) -> None:
    """Send through the channel layer; no database access here, so sync views can call it with async_to_sync."""
    for group, event in events:
        await channel_layer.group_send(group, event)
