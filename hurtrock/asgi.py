"""ASGI entry point: HTTP through Django, WebSocket through Channels (chat).

`daphne hurtrock.asgi:application` serves both. The WebSocket routes live in chat/routing.py.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hurtrock.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()  # set up Django before importing consumers

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from chat.routing import websocket_urlpatterns  # noqa: E402
from hurtrock.middleware import BodySizeLimitMiddleware  # noqa: E402

websocket_app = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))

# Bodies over REQUEST_BODY_MAX_BYTES get a 413 before Django reads them (hurtrock.middleware).
application = ProtocolTypeRouter({"http": BodySizeLimitMiddleware(django_asgi_app), "websocket": websocket_app})
