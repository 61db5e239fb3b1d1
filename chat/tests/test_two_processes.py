"""Two daphne processes sharing REDIS_URL: a message sent on one reaches a socket held by the other.
Also measures the delivery latency between the processes (written to artifacts/chat-latency.json)."""

import asyncio
import json
import os
import statistics
import time
from pathlib import Path

import pytest
import websockets
from django.test import Client

from chat.models import ChatMessage
from chat.services.rooms import room_get_or_create_for_buyer
from chat.tests.conftest import in_own_loop
from hurtrock.testing.factories import StaffFactory, UserFactory
from hurtrock.testing.server import ROOT, AsgiServer

pytestmark = pytest.mark.django_db(transaction=True)
LATENCY_MESSAGES = 200


@pytest.fixture
def two_servers(django_db_setup, django_db_blocker):
    assert os.environ.get("REDIS_URL"), "this test needs the Redis channel layer (REDIS_URL)"
    env = {"CHAT_RATE_LIMIT": "100000/1"}
    with django_db_blocker.unblock():
        servers = [AsgiServer(extra_env=env).start(), AsgiServer(extra_env=env).start()]
    yield servers
    for server in servers:
        server.stop()


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


async def _open(server, room, cookie):
    ws = await websockets.connect(
        server.url.replace("http", "ws") + f"/ws/chat/{room.name}/",
        origin=server.url,
        additional_headers={"Cookie": cookie},
    )
    while json.loads(await ws.recv())["type"] != "ready":
        pass
    return ws


async def _next(ws, type_, timeout=10):
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame["type"] == type_:
            return frame


def test_message_crosses_processes_and_latency(two_servers):
    buyer, staff = UserFactory(), StaffFactory()
    room = room_get_or_create_for_buyer(buyer=buyer)
    buyer_cookie, staff_cookie = _cookie(buyer), _cookie(staff)

    async def scenario():
        buyer_ws = await _open(two_servers[0], room, buyer_cookie)
        staff_ws = await _open(two_servers[1], room, staff_cookie)
        await buyer_ws.send(json.dumps({"v": 1, "type": "message", "text": "lintas proses", "client_id": "x0"}))
        crossed = await _next(staff_ws, "message")
        await staff_ws.send(json.dumps({"v": 1, "type": "message", "text": "diterima", "client_id": "y0"}))
        back = await _next(buyer_ws, "message")
        while back["message"]["client_id"] != "y0":
            back = await _next(buyer_ws, "message")
        latencies = []
        for n in range(LATENCY_MESSAGES):
            started = time.perf_counter()
            await buyer_ws.send(json.dumps({"v": 1, "type": "message", "text": f"m{n}", "client_id": f"l{n}"}))
            while (await _next(staff_ws, "message"))["message"]["client_id"] != f"l{n}":
                pass
            latencies.append((time.perf_counter() - started) * 1000)
        await buyer_ws.close()
        await staff_ws.close()
        return crossed, back, latencies

    crossed, back, latencies = in_own_loop(scenario)()

    assert crossed["message"]["text"] == "lintas proses" and back["message"]["text"] == "diterima"
    assert ChatMessage.objects.filter(room=room).count() == 2 + LATENCY_MESSAGES
    ordered = sorted(latencies)
    result = {
        "messages": len(latencies),
        "p50_ms": round(statistics.median(ordered), 1),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1], 1),
        "max_ms": round(ordered[-1], 1),
        "note": "save (PostgreSQL commit) + broadcast through Redis, daphne A -> daphne B, one message at a time",
    }
    out = Path(ROOT) / "artifacts" / "chat-latency.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(result)
