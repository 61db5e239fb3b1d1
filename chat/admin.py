from django.contrib import admin

from chat.models import ChatMessage, ChatRoom, ChatSession, QuickReply


@admin.register(QuickReply)
class QuickReplyAdmin(admin.ModelAdmin):
    list_display = ("title", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("title", "text")


@admin.register(ChatRoom)
class ChatRoomAdmin(admin.ModelAdmin):
    list_display = ("buyer", "assigned_to", "last_message_at", "is_archived")
    list_filter = ("is_archived",)
    list_select_related = ("buyer", "assigned_to")
    search_fields = ("buyer__email", "buyer__name")
    readonly_fields = ("name", "buyer", "last_message_at", "staff_emailed_at", "buyer_emailed_at", "created_at")
    fields = ("name", "buyer", "assigned_to", "is_archived", *readonly_fields[2:])
    raw_id_fields = ("assigned_to",)

    def has_add_permission(self, request):
        return False


@admin.register(ChatMessage)
class ChatMessageAdmin(admin.ModelAdmin):
    """Read-only record; staff may soft-delete through `deleted_at`."""

    list_display = ("room", "sender", "text", "created_at", "read_at", "deleted_at")
    list_select_related = ("room__buyer", "sender")
    search_fields = ("text", "room__buyer__email")
    readonly_fields = (
        "room",
        "sender",
        "is_from_staff",
        "text",
        "product",
        "order",
        "image",
        "client_id",
        "read_at",
        "created_at",
    )
    fields = (*readonly_fields, "deleted_at")

    def has_add_permission(self, request):
        return False


@admin.register(ChatSession)
class ChatSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "room", "connected_at", "disconnected_at")
    list_select_related = ("user", "room__buyer")
    readonly_fields = ("room", "user", "is_staff", "channel_name", "connected_at", "disconnected_at")

    def has_add_permission(self, request):
        return False
