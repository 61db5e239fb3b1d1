"""Chat test helpers: sockets through the real ASGI application (origin check, session auth)."""

import asyncio
import functools
import json
import threading

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from hurtrock.testing.factories import StaffFactory, UserFactory

ORIGIN = (b"origin", b"http://testserver")


def in_own_loop(coroutine_function):
    """Run an async test in a fresh event loop on its own thread.

    pytest-playwright's sync API keeps an event loop running in the main thread for the whole
    session once a browser test ran, so pytest-asyncio and asyncio.run cannot run there."""

    @functools.wraps(coroutine_function)
    def wrapper(*args, **kwargs):
        outcome = {}

        def target():
            # The Redis layer binds locks and pools to the loop that first used it: every test loop
            # gets a fresh layer instance.
            from channels.layers import channel_layers

            channel_layers.backends.clear()
            try:
                outcome["value"] = asyncio.run(coroutine_function(*args, **kwargs))
            except BaseException as error:  # noqa: BLE001 - re-raised in the test thread
                outcome["error"] = error

        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    return wrapper


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def connect(path: str, user=None):
    """A connected communicator on `path`; returns (communicator, connected, close code or None)."""
    from hurtrock.asgi import application

    headers = [ORIGIN]
    if user is not None:
        cookie = await sync_to_async(session_cookie)(user)
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect()
    return communicator


async def receive(communicator, type_=None, timeout=10):
    """The next frame (of `type_` when given, skipping others)."""
    while True:
        frame = json.loads(await communicator.receive_from(timeout=timeout))
        if type_ is None or frame["type"] == type_:
            return frame


async def send(communicator, **frame):
    await communicator.send_to(text_data=json.dumps({"v": 1, **frame}))


@pytest.fixture
def buyer(transactional_db):
    return UserFactory()


@pytest.fixture
def staff(transactional_db):
    return StaffFactory()


@pytest.fixture
def room(buyer):
    from chat.services.rooms import room_get_or_create_for_buyer

    return room_get_or_create_for_buyer(buyer=buyer)
