"""WSGI entry point (HTTP only; use hurtrock.asgi for WebSocket)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hurtrock.settings")
application = get_wsgi_application()
