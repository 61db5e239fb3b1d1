"""WebSocket routes of the chat (served by hurtrock.asgi and, alone, by chat.asgi)."""

from django.urls import re_path

from chat.consumers import ChatConsumer

websocket_urlpatterns = [re_path(r"^ws/chat/(?P<room_name>[A-Za-z0-9_]{1,40})/$", ChatConsumer.as_asgi())]
