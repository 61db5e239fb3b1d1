"""An ASGI entry serving only the chat's WebSocket routes, for a separate chat process group:

    daphne -b 0.0.0.0 -p 8001 chat.asgi:application

Route `/ws/` to it at the load balancer and everything else to `hurtrock.asgi`; a chat outage then
leaves the shop up. HTTP requests to this entry get 404.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hurtrock.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402


async def _not_found(scope, receive, send):
    if scope["type"] == "lifespan":
        return
    await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"chat process: WebSocket only"})


from chat.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": _not_found,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
