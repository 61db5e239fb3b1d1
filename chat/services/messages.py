"""Sending and reading messages. Every message is committed before it is broadcast, so a
channel-layer (Redis) outage never loses a saved message: clients re-fetch history on reconnect."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from chat.errors import ChatError
from chat.models import ChatMessage, ChatRoom
from orders.models import Order


def message_max_length() -> int:
    return getattr(settings, "CHAT_MESSAGE_MAX_LENGTH", 2000)


def _clean_text(text) -> str:
    if not isinstance(text, str):
        raise ChatError(_("The message must be text."), "invalid")
    # Control characters other than newlines and tabs have no business in a chat message.
    text = "".join(ch for ch in text if ch in "\n\t" or ch >= " ").strip()
    if len(text) > message_max_length():
        raise ChatError(
            _("The message is too long (at most %(limit)s characters).") % {"limit": message_max_length()},
            "too_long",
        )
    return text


def _tagged_product(product_id) -> Product | None:
    if product_id in (None, ""):
        return None
    try:
        return Product.objects.get(pk=int(product_id), is_active=True)
    except (ValueError, TypeError, Product.DoesNotExist):
        raise ChatError(_("That product is not available."), "unknown_product")


def _tagged_order(order_number, room: ChatRoom) -> Order | None:
    """Only an order of the room's buyer can be tagged, whoever sends the message."""
    if order_number in (None, ""):
        return None
    order = Order.objects.filter(number=str(order_number)[:20], user_id=room.buyer_id).first()
    if order is None:
        raise ChatError(_("That order is not one of this buyer's orders."), "unknown_order")
    return order


def message_send(
    *,
    room: ChatRoom,
    sender,
    text="",
    product_id=None,
    order_number=None,
    client_id: str = "",
    image=None,
) -> tuple[ChatMessage, bool]:
    """Save a message; returns (message, created). A resend with the same client_id returns the
    first copy instead of a duplicate. `image` is an already re-encoded ContentFile (chat.services.photos)."""
    text = _clean_text(text)
    product = _tagged_product(product_id)
    order = _tagged_order(order_number, room)
    client_id = str(client_id or "")[:64]
    if not (text or product or order or image):
        raise ChatError(_("The message is empty."), "empty")
    if client_id:
        existing = ChatMessage.objects.filter(room=room, sender=sender, client_id=client_id).first()
        if existing:
            return existing, False
    is_staff = bool(sender.is_staff)
    now = timezone.now()
    try:
        with transaction.atomic():
            message = ChatMessage(
                room=room,
                sender=sender,
                is_from_staff=is_staff,
                text=text,
                product=product,
                order=order,
                client_id=client_id,
            )
            if image is not None:
                message.image.save(image.name, image.file, save=False)
                message.image_width, message.image_height = image.width, image.height
            message.save()
            ChatRoom.objects.filter(pk=room.pk).update(last_message_at=now)
            if is_staff:
                # A staff answer means the buyer's messages were seen.
                ChatMessage.objects.filter(room=room, is_from_staff=False, read_at__isnull=True).update(read_at=now)
    except IntegrityError:
        # Two resends raced on the unique (room, sender, client_id): the other one won.
        return ChatMessage.objects.get(room=room, sender=sender, client_id=client_id), False
    return message, True


def messages_mark_read(*, room: ChatRoom, reader, up_to: int | None = None) -> tuple[int, int | None]:
    """Mark the other side's messages (up to `up_to`, all without it) as read.

    Returns (number marked, highest id marked)."""
    from chat.services.rooms import user_is_chat_staff

    other_side_is_staff = not user_is_chat_staff(reader)
    pending = ChatMessage.objects.filter(room=room, is_from_staff=other_side_is_staff, read_at__isnull=True)
    if up_to is not None:
        try:
            pending = pending.filter(pk__lte=int(up_to))
        except (TypeError, ValueError):
            raise ChatError(_("Invalid read mark."), "invalid")
    with transaction.atomic():
        ids = list(pending.select_for_update().values_list("pk", flat=True))
        if ids:
            ChatMessage.objects.filter(pk__in=ids).update(read_at=timezone.now())
    return len(ids), (max(ids) if ids else None)


def message_soft_delete(*, message: ChatMessage) -> None:
    ChatMessage.objects.filter(pk=message.pk).update(deleted_at=timezone.now())


def visible_messages(room: ChatRoom):
    return ChatMessage.objects.filter(Q(room=room) & Q(deleted_at__isnull=True))
