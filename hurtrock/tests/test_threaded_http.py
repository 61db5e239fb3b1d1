"""HTTP through a WSGI app on a thread pool (hurtrock/threaded_http.py), served by a real uvicorn.

The shop's own pages go through it in every browser and server test; these check the bridge's
edges with a small WSGI app: bodies larger than the in-memory part, streamed answers iterated
and closed on the request's thread, and `async_to_sync` from a view reaching the server's loop.
"""

import asyncio
import socket
import threading
import time
import urllib.request

import pytest
import uvicorn
from asgiref.sync import async_to_sync

from hurtrock.threaded_http import BODY_IN_MEMORY, ThreadedWSGI

seen = {}


async def _loop_thread_name() -> str:
    await asyncio.sleep(0)
    return threading.current_thread().name


def _app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/echo":
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response(
            "200 OK", [("Content-Type", "application/octet-stream"), ("X-Method", environ["REQUEST_METHOD"])]
        )
        return [body]
    if path == "/stream":
        return _Streamed(start_response)
    if path == "/loop":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [async_to_sync(_loop_thread_name)().encode()]
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"no such page"]


class _Streamed:
    """A streamed answer that records which threads iterate and close it (like Django's responses)."""

    streaming = True

    def __init__(self, start_response):
        seen["started"] = threading.get_ident()
        start_response("200 OK", [("Content-Type", "text/plain")])

    def __iter__(self):
        for number in range(3):
            seen.setdefault("pieces", []).append(threading.get_ident())
            yield f"piece {number}\n".encode()

    def close(self):
        seen["closed"] = threading.get_ident()


@pytest.fixture(scope="module")
def server():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        ThreadedWSGI(_app, threads=2), host="127.0.0.1", port=port, lifespan="off", log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, name="uvicorn-loop", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def _request(url: str, data: bytes | None = None):
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def test_a_body_larger_than_the_memory_part_arrives_whole(server):
    body = bytes(range(256)) * (BODY_IN_MEMORY // 256 * 3)
    status, headers, echoed = _request(f"{server}/echo", data=body)
    assert (status, headers["X-Method"]) == (200, "POST")
    assert echoed == body


def test_a_streamed_answer_is_iterated_and_closed_on_the_request_thread(server):
    seen.clear()
    status, _, body = _request(f"{server}/stream")
    assert status == 200 and body == b"piece 0\npiece 1\npiece 2\n"
    assert set(seen["pieces"]) == {seen["started"]} == {seen["closed"]}, "one thread: one database connection"


def test_async_to_sync_in_a_view_runs_on_the_servers_event_loop(server):
    assert _request(f"{server}/loop")[2] == b"uvicorn-loop"


def test_status_and_headers_pass_through(server):
    with pytest.raises(urllib.error.HTTPError) as error:
        _request(f"{server}/missing")
    assert error.value.code == 404 and error.value.read() == b"no such page"
