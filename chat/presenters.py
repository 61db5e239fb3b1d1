"""JSON shapes sent over the socket and the REST API. Text stays text: the clients render it
with textContent, never as HTML."""

from django.urls import reverse

from chat.models import ChatMessage, ChatRoom
from hurtrock.templatetags.rupiah import format_rupiah


def user_json(user) -> dict:
    return {"id": user.pk, "name": user.get_short_name(), "is_staff": bool(user.is_staff)}


def product_card_json(product) -> dict:
    image = product.images.filter(is_main=True).first() or product.images.first()
    return {
        "id": product.pk,
        "name": product.name,
        "price": product.price,
        "price_display": format_rupiah(product.price),
        "in_stock": product.is_in_stock,
        "stock_quantity": product.stock_quantity,
        "thumbnail": image.thumbnail.url if image else None,
        "url": product.get_absolute_url(),
    }


def order_card_json(order, *, for_staff: bool = False) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "status_display": str(order.get_status_display()),
        "total": order.total,
        "total_display": format_rupiah(order.total),
        "url": reverse("admin:orders_order_change", args=[order.pk]) if for_staff else order.get_absolute_url(),
        "created_at": order.created_at.isoformat(),
    }


def message_json(message: ChatMessage, *, for_staff: bool = False) -> dict:
    return {
        "id": message.pk,
        "room": message.room.name,
        "sender": user_json(message.sender),
        "is_from_staff": message.is_from_staff,
        "text": message.text,
        "product": product_card_json(message.product) if message.product_id else None,
        "order": order_card_json(message.order, for_staff=for_staff) if message.order_id else None,
        "image": (
            {"url": message.image.url, "width": message.image_width, "height": message.image_height}
            if message.image
            else None
        ),
        "client_id": message.client_id,
        "created_at": message.created_at.isoformat(),
        "read_at": message.read_at.isoformat() if message.read_at else None,
    }


def room_json(room: ChatRoom) -> dict:
    return {
        "name": room.name,
        "buyer": {"id": room.buyer_id, "name": room.buyer.get_full_name(), "email": room.buyer.email},
        "unread": getattr(room, "unread", 0),
        "online": bool(getattr(room, "buyer_online", False)),
        "last_message_at": room.last_message_at.isoformat() if room.last_message_at else None,
        "last_text": getattr(room, "last_text", "") or "",
        "assigned_to": room.assigned_to.get_short_name() if room.assigned_to_id else None,
        "is_archived": room.is_archived,
    }
