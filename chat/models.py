"""Live chat data: one room per buyer, its messages (optionally tagging a product, one of the
buyer's orders or carrying a photo), who was connected when, and staff quick replies."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _room_name() -> str:
    return uuid.uuid4().hex


class ChatRoom(models.Model):
    """The conversation between one buyer and the staff. Created on the buyer's first open.

    The name is random (not the user id) so that room names cannot be guessed; authorization does
    not rely on that, it is checked on every socket and request."""

    name = models.CharField(_("name"), max_length=40, unique=True, default=_room_name, editable=False)
    buyer = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="chat_room"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_chat_rooms",
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True, db_index=True)
    # Offline follow-up e-mails: when each side was last e-mailed (at most one per room per delay).
    staff_emailed_at = models.DateTimeField(_("staff e-mailed"), null=True, blank=True)
    buyer_emailed_at = models.DateTimeField(_("buyer e-mailed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["-last_message_at", "-pk"]

    def __str__(self):
        return str(self.buyer)


class ChatMessage(models.Model):
    room = models.ForeignKey(ChatRoom, verbose_name=_("room"), on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sender"), on_delete=models.PROTECT, related_name="chat_messages"
    )
    is_from_staff = models.BooleanField(_("from staff"), default=False)
    text = models.TextField(_("text"), blank=True)
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.SET_NULL, null=True, blank=True
    )
    order = models.ForeignKey("orders.Order", verbose_name=_("order"), on_delete=models.SET_NULL, null=True, blank=True)
    image = models.ImageField(_("photo"), upload_to="chat/", blank=True, max_length=255)
    image_width = models.PositiveIntegerField(default=0)
    image_height = models.PositiveIntegerField(default=0)
    client_id = models.CharField(max_length=64, blank=True, help_text=_("Set by the sender; makes resends idempotent."))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["pk"]
        indexes = [models.Index(fields=["room", "is_from_staff", "read_at"], name="chat_msg_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "sender", "client_id"], condition=~models.Q(client_id=""), name="chat_msg_client_id"
            )
        ]

    def __str__(self):
        return self.text[:60]


class ChatSession(models.Model):
    """One WebSocket connection: who was connected to which room, from when to when."""

    room = models.ForeignKey(ChatRoom, verbose_name=_("room"), on_delete=models.CASCADE, related_name="sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE)
    is_staff = models.BooleanField(default=False)
    channel_name = models.CharField(max_length=200)
    connected_at = models.DateTimeField(_("connected"), auto_now_add=True)
    disconnected_at = models.DateTimeField(_("disconnected"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("chat session")
        verbose_name_plural = _("chat sessions")
        ordering = ["-connected_at"]

    def __str__(self):
        return f"{self.user} @ {self.connected_at:%Y-%m-%d %H:%M}"


class QuickReply(models.Model):
    title = models.CharField(_("title"), max_length=60)
    text = models.TextField(_("text"), max_length=1000)
    sort_order = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quick reply")
        verbose_name_plural = _("quick replies")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title
