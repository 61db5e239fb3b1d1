"""Issue #16: request bodies over REQUEST_BODY_MAX_BYTES get a 413 before Django reads them.

Sync tests that run the ASGI code in a thread of their own (see `in_thread`)."""

import asyncio
import http.client
import threading
import urllib.parse

import pytest

from hurtrock.middleware import BodySizeLimitMiddleware


def in_thread(function):
    """Run an async function in a fresh thread with its own event loop: Playwright's sync API leaves
    a loop running in the main thread after the browser tests, which would refuse asyncio.run here."""

    def run(*args, **kwargs):
        outcome = {}

        def target():
            try:
                outcome["value"] = asyncio.run(function(*args, **kwargs))
            except BaseException as error:  # noqa: BLE001 — re-raised in the test's thread
                outcome["error"] = error

        thread = threading.Thread(target=target)
        thread.start()
        thread.join(30)
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("value")

    return run


class Recorder:
    """An ASGI app that reads the whole body (as Django does) and remembers what it saw."""

    def __init__(self):
        self.called = False
        self.body = b""

    async def __call__(self, scope, receive, send):
        self.called = True
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            self.body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


async def call(app, *, path="/", headers=(), chunks=(b"",)):
    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1} for i, chunk in enumerate(chunks)
    ]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": path, "headers": list(headers)}
    await app(scope, receive, send)
    return sent


@pytest.fixture
def limits(settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    settings.REQUEST_BODY_MAX_BYTES_ADMIN = 5000


def test_a_declared_length_over_the_limit_is_refused_before_the_app_runs(limits):
    inner = Recorder()

    sent = in_thread(call)(BodySizeLimitMiddleware(inner), headers=[(b"content-length", b"1001")], chunks=[b"x" * 1001])

    assert sent[0]["status"] == 413 and not inner.called


def test_a_streamed_body_without_a_length_is_cut_off_at_the_limit(limits):
    inner = Recorder()

    sent = in_thread(call)(BodySizeLimitMiddleware(inner), chunks=[b"x" * 600, b"x" * 600, b"x" * 600])

    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [413]
    assert len(inner.body) == 600  # the app never got the chunk that crossed the limit


def test_bodies_within_the_limit_pass_and_the_admin_has_its_own_limit(limits):
    inner = Recorder()
    sent = in_thread(call)(BodySizeLimitMiddleware(inner), headers=[(b"content-length", b"1000")], chunks=[b"x" * 1000])
    assert sent[0]["status"] == 200 and inner.body == b"x" * 1000

    admin = Recorder()
    sent = in_thread(call)(BodySizeLimitMiddleware(admin), path="/admin/catalog/product/add/", chunks=[b"x" * 4000])
    assert sent[0]["status"] == 200

    sent = in_thread(call)(
        BodySizeLimitMiddleware(Recorder()), path="/admin/x/", headers=[(b"content-length", b"5001")]
    )
    assert sent[0]["status"] == 413


def test_a_bad_content_length_is_a_400(limits):
    sent = in_thread(call)(BodySizeLimitMiddleware(Recorder()), headers=[(b"content-length", b"lots")])

    assert sent[0]["status"] == 400


def test_websockets_pass_untouched():
    seen = []

    async def inner(scope, receive, send):
        seen.append(scope["type"])

    in_thread(BodySizeLimitMiddleware(inner))({"type": "websocket", "path": "/ws/"}, None, None)

    assert seen == ["websocket"]


def test_the_real_server_answers_413_to_an_anonymous_13_mb_post(live_url):
    """Through daphne and the project's ASGI application, as production serves it."""
    parts = urllib.parse.urlsplit(live_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = b"x" * (13 * 1024 * 1024)
    connection.request("POST", "/accounts/login/", body=body, headers={"Content-Type": "application/octet-stream"})

    response = connection.getresponse()

    assert response.status == 413
    connection.close()
