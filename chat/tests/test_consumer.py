"""The chat socket through the real ASGI application and the Redis channel layer (when REDIS_URL is set)."""

import pytest
from asgiref.sync import sync_to_async

from chat.models import ChatMessage, ChatSession
from chat.tests.conftest import connect, in_own_loop, receive, send
from hurtrock.testing.factories import UserFactory
from inventory.tests.factories import ProductFactory
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db(transaction=True)


@in_own_loop
async def test_anonymous_socket_is_closed_with_4401(room):
    communicator = await connect(f"/ws/chat/{room.name}/")

    assert (await communicator.receive_output())["code"] == 4401


@in_own_loop
async def test_buyer_b_is_refused_from_buyer_a_room_with_4403(room):
    intruder = await sync_to_async(UserFactory)()

    communicator = await connect(f"/ws/chat/{room.name}/", intruder)

    assert (await communicator.receive_output())["code"] == 4403
    assert not await sync_to_async(ChatSession.objects.filter(user=intruder).exists)()


@in_own_loop
async def test_buyer_is_refused_from_the_staff_lobby_and_unknown_rooms(buyer):
    lobby = await connect("/ws/chat/_staff/", buyer)
    unknown = await connect("/ws/chat/doesnotexist/", buyer)

    assert (await lobby.receive_output())["code"] == 4403
    assert (await unknown.receive_output())["code"] == 4403


@in_own_loop
async def test_socket_without_allowed_origin_is_refused(room, buyer):
    from channels.testing import WebsocketCommunicator

    from hurtrock.asgi import application

    communicator = WebsocketCommunicator(
        application, f"/ws/chat/{room.name}/", headers=[(b"origin", b"http://evil.example")]
    )
    connected, _ = await communicator.connect()

    assert not connected


@in_own_loop
async def test_buyer_and_staff_messages_are_saved_and_delivered(room, buyer, staff):
    buyer_ws = await connect(f"/ws/chat/{room.name}/", buyer)
    staff_ws = await connect(f"/ws/chat/{room.name}/", staff)
    ready = await receive(buyer_ws, "ready")
    assert ready["v"] == 1 and ready["room"] == room.name
    await receive(staff_ws, "ready")

    await send(buyer_ws, type="message", text="Ada stok Ibanez RG?", client_id="c1")
    at_staff = await receive(staff_ws, "message")
    await receive(buyer_ws, "message")
    await send(staff_ws, type="message", text="Ada, 3 unit.", client_id="s1")
    at_buyer = await receive(buyer_ws, "message")

    assert at_staff["message"]["text"] == "Ada stok Ibanez RG?" and at_staff["message"]["client_id"] == "c1"
    assert at_buyer["message"]["text"] == "Ada, 3 unit." and at_buyer["message"]["is_from_staff"] is True
    texts = await sync_to_async(lambda: list(ChatMessage.objects.filter(room=room).values_list("text", flat=True)))()
    assert texts == ["Ada stok Ibanez RG?", "Ada, 3 unit."]
    # The staff answer marked the buyer's message read.
    assert (
        await sync_to_async(ChatMessage.objects.filter(room=room, is_from_staff=False, read_at__isnull=True).count)()
        == 0
    )
    await buyer_ws.disconnect()
    await staff_ws.disconnect()


@in_own_loop
async def test_resend_with_the_same_client_id_saves_one_message(room, buyer):
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    await send(ws, type="message", text="halo", client_id="same")
    first = await receive(ws, "message")
    await send(ws, type="message", text="halo", client_id="same")
    second = await receive(ws, "message")

    assert first["message"]["id"] == second["message"]["id"]
    assert await sync_to_async(ChatMessage.objects.filter(room=room).count)() == 1
    await ws.disconnect()


@in_own_loop
async def test_html_is_stored_and_sent_as_text(room, buyer):
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'

    await send(ws, type="message", text=payload)
    frame = await receive(ws, "message")

    assert frame["message"]["text"] == payload
    assert await sync_to_async(ChatMessage.objects.filter(room=room, text=payload).exists)()
    await ws.disconnect()


@in_own_loop
async def test_product_and_own_order_tags_render_cards(room, buyer):
    product = await sync_to_async(ProductFactory)(name="Ibanez RG550", stock_quantity=4)
    order = await sync_to_async(order_for)(user=buyer)
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    await send(ws, type="message", text="", product_id=product.pk)
    product_frame = await receive(ws, "message")
    await send(ws, type="message", text="Kapan dikirim?", order_number=order.number)
    order_frame = await receive(ws, "message")

    card = product_frame["message"]["product"]
    assert card["name"] == "Ibanez RG550" and card["price_display"].startswith("Rp") and card["in_stock"] is True
    assert card["url"] == product.get_absolute_url()
    assert order_frame["message"]["order"]["number"] == order.number
    assert order_frame["message"]["order"]["url"] == order.get_absolute_url()
    await ws.disconnect()


@in_own_loop
async def test_buyer_cannot_tag_another_buyers_order(room, buyer):
    other_order = await sync_to_async(order_for)()
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    await send(ws, type="message", text="lihat ini", order_number=other_order.number, client_id="x")
    frame = await receive(ws, "error")

    assert frame["type"] == "error" and frame["code"] == "unknown_order" and frame["client_id"] == "x"
    assert other_order.number not in str(frame)
    assert not await sync_to_async(ChatMessage.objects.filter(room=room).exists)()
    await ws.disconnect()


@in_own_loop
async def test_oversized_message_is_refused(room, buyer, settings):
    settings.CHAT_MESSAGE_MAX_LENGTH = 50
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    await send(ws, type="message", text="x" * 51)
    frame = await receive(ws, "error")

    assert frame["type"] == "error" and frame["code"] == "too_long"
    assert not await sync_to_async(ChatMessage.objects.exists)()
    await ws.disconnect()


@in_own_loop
async def test_rate_limit_answers_an_error_frame(room, buyer, settings):
    settings.CHAT_RATE_LIMIT = "3/60"
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    for n in range(3):
        await send(ws, type="message", text=f"pesan {n}")
        await receive(ws, "message")
    await send(ws, type="message", text="satu lagi", client_id="late")
    frame = await receive(ws, "error")

    assert frame["type"] == "error" and frame["code"] == "rate_limited" and frame["retry_after"] > 0
    assert frame["client_id"] == "late"
    assert await sync_to_async(ChatMessage.objects.count)() == 3
    await ws.disconnect()


@in_own_loop
async def test_unreadable_frames_and_wrong_versions_get_error_frames(room, buyer):
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    await ws.send_to(text_data="not json")
    bad = await receive(ws, "error")
    await ws.send_to(text_data='{"v": 99, "type": "message", "text": "x"}')
    version = await receive(ws, "error")

    assert bad["code"] == "invalid" and version["code"] == "version"
    await ws.disconnect()


async def _buyer_presence(ws, buyer):
    while True:
        frame = await receive(ws, "presence")
        if frame["user"]["id"] == buyer.pk:
            return frame


@in_own_loop
async def test_presence_on_connect_and_disconnect(room, buyer, staff):
    staff_ws = await connect(f"/ws/chat/{room.name}/", staff)
    await receive(staff_ws, "ready")

    buyer_ws = await connect(f"/ws/chat/{room.name}/", buyer)
    online = await _buyer_presence(staff_ws, buyer)
    await buyer_ws.disconnect()
    offline = await _buyer_presence(staff_ws, buyer)

    assert online["online"] is True and online["presence"]["buyer_online"] is True
    assert offline["online"] is False and offline["presence"]["buyer_online"] is False
    assert await sync_to_async(ChatSession.objects.filter(user=buyer, disconnected_at__isnull=False).count)() == 1
    await staff_ws.disconnect()


@in_own_loop
async def test_typing_reaches_the_other_side_only(room, buyer, staff):
    buyer_ws = await connect(f"/ws/chat/{room.name}/", buyer)
    staff_ws = await connect(f"/ws/chat/{room.name}/", staff)
    await receive(buyer_ws, "ready")
    await receive(staff_ws, "ready")

    await send(buyer_ws, type="typing", is_typing=True)
    frame = await receive(staff_ws, "typing")

    assert frame["is_typing"] is True and frame["user"]["id"] == buyer.pk
    await buyer_ws.disconnect()
    await staff_ws.disconnect()


@in_own_loop
async def test_unread_count_and_read_marks(room, buyer, staff):
    staff_ws = await connect(f"/ws/chat/{room.name}/", staff)
    await receive(staff_ws, "ready")
    await send(staff_ws, type="message", text="Halo!")
    sent = await receive(staff_ws, "message")

    buyer_ws = await connect(f"/ws/chat/{room.name}/", buyer)
    ready = await receive(buyer_ws, "ready")
    assert ready["unread"] == 1
    await send(buyer_ws, type="read")
    mark = await receive(staff_ws, "read")

    assert mark["reader_is_staff"] is False and mark["up_to"] == sent["message"]["id"]
    assert await sync_to_async(ChatMessage.objects.filter(read_at__isnull=True).count)() == 0
    await buyer_ws.disconnect()
    await staff_ws.disconnect()


@in_own_loop
async def test_history_pages_with_a_cursor(room, buyer):
    from chat.services.messages import message_send

    for n in range(35):
        await sync_to_async(message_send)(room=room, sender=buyer, text=f"m{n}")
    ws = await connect(f"/ws/chat/{room.name}/", buyer)
    await receive(ws, "ready")

    await send(ws, type="history")
    first = await receive(ws, "history")
    await send(ws, type="history", before=first["messages"][0]["id"])
    second = await receive(ws, "history")

    assert [m["text"] for m in first["messages"]] == [f"m{n}" for n in range(5, 35)] and first["has_more"]
    assert [m["text"] for m in second["messages"]] == [f"m{n}" for n in range(5)] and not second["has_more"]
    await ws.disconnect()
