"""ASGI entry point: HTTP through Django, WebSocket through Channels (chat).

`daphne hurtrock.asgi:application` (development) and gunicorn with uvicorn workers (production,
hurtrock/gunicorn.conf.py) serve both. The WebSocket routes live in chat/routing.py.

HTTP runs through Django's WSGI handler on a thread pool (hurtrock/threaded_http.py): one
hand-off between the event loop and a thread per request instead of five. HTTP_HANDLER=asgi
serves it with Django's own ASGI handler instead (the bench compares the two). The search
autocomplete's stored answers are served before either (hurtrock/edgecache.py).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hurtrock.settings")

import django  # noqa: E402

django.setup(set_prefix=False)  # as get_asgi_application(); before importing consumers and views

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from chat.routing import websocket_urlpatterns  # noqa: E402
from hurtrock.edgecache import EdgeCacheMiddleware  # noqa: E402
from hurtrock.middleware import BodySizeLimitMiddleware  # noqa: E402


def http_application():
    if os.environ.get("HTTP_HANDLER", "threads") == "asgi":
        from django.core.handlers.asgi import ASGIHandler

        return ASGIHandler()
    from django.core.handlers.wsgi import WSGIHandler

    from hurtrock.threaded_http import ThreadedWSGI

    return ThreadedWSGI(WSGIHandler())


websocket_app = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))

# Bodies over REQUEST_BODY_MAX_BYTES get a 413 before Django reads them (hurtrock.middleware); the
# autocomplete's stored answers are replayed before that, without Django (hurtrock/edgecache.py).
http_app = EdgeCacheMiddleware(BodySizeLimitMiddleware(http_application()))
application = ProtocolTypeRouter({"http": http_app, "websocket": websocket_app})
