from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    """Live chat between buyers and staff over WebSocket."""

    name = "chat"
    verbose_name = _("Live chat")
