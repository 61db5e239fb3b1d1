"""WebSocket routes. The chat consumer (`/ws/chat/<room_name>/`) arrives with the chat issue."""

websocket_urlpatterns = []
