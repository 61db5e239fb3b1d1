"""The chat's WebSocket protocol, version 1 (documented in the README, "Live chat").

Every frame is a JSON object with `v` (protocol version) and `type`.

Client → server:
  {"v":1,"type":"message","text":"…","product_id":12?,"order_number":"HR-…"?,"client_id":"…"}
  {"v":1,"type":"typing","is_typing":true}
  {"v":1,"type":"read","up_to":123?}            mark the other side's messages read
  {"v":1,"type":"history","before":123?}        one page of older messages
Server → client:
  ready    {room, user, presence:{buyer_online, staff:[…]}, unread}
  message  {message:{…}}                          (also echoed to the sender: ack by client_id)
  typing   {user:{…}, is_typing}
  read     {reader_is_staff, up_to, read_at}
  presence {user:{…}, online, presence:{…}}
  history  {messages:[…], has_more}
  room     {room:{…}}                             staff lobby only: a room changed
  error    {code, detail, client_id?, retry_after?}
Close codes: 4401 not signed in, 4403 not allowed in this room, 4400 unsupported protocol version.
"""

import json
import time
from collections import deque

from django.conf import settings

VERSION = 1
LOBBY = "_staff"
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLIENT_TYPES = ("message", "typing", "read", "history")


def room_group(name: str) -> str:
    return f"chat.room.{name}"


STAFF_GROUP = "chat.staff"


def frame(type_: str, **payload) -> str:
    return json.dumps({"v": VERSION, "type": type_, **payload}, default=str)


def rate_limit() -> tuple[int, float]:
    """`CHAT_RATE_LIMIT` as "count/seconds" (default 10 messages per 10 seconds per socket)."""
    raw = str(getattr(settings, "CHAT_RATE_LIMIT", "10/10"))
    count, _, seconds = raw.partition("/")
    return int(count), float(seconds or 1)


class SlidingWindow:
    """At most `count` events in any `seconds` window; one per socket, kept in the process."""

    def __init__(self, count: int, seconds: float):
        self.count, self.seconds = count, seconds
        self.events: deque[float] = deque()

    def hit(self) -> float:
        """0 when allowed (and counted), else the seconds to wait."""
        now = time.monotonic()
        while self.events and now - self.events[0] >= self.seconds:
            self.events.popleft()
        if len(self.events) >= self.count:
            return round(self.seconds - (now - self.events[0]), 2)
        self.events.append(now)
        return 0.0
