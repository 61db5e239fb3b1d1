"""HTTP for the ASGI server through Django's WSGI handler, one worker thread per request.

Django's ASGI handler runs a sync view and every sync middleware method through `sync_to_async`
/ `async_to_sync`: the shop's chain (all of it sync, as most Django middleware is) crossed between
the event loop and a thread five times per request (in, back out for the URL resolver, once per
`process_view`, once more for the view). Each crossing costs a thread hand-off, and under load
those hand-offs were a third of a page-cache hit. Here the whole request runs on one thread from
a pool, exactly as under gunicorn's threaded WSGI workers, and the event loop only reads the
body and writes the answer: one crossing. The WebSocket routes stay on Channels (hurtrock.asgi).

- The body is read by the event loop first (BodySizeLimitMiddleware has already bounded it),
  into a spooled file: large uploads go to disk, as Django itself would do.
- `request_started` / `request_finished` fire on the request's thread (WSGIHandler and the
  response's `close()`), so database connections go back to the pool on that thread.
- A streamed answer (a CSV export, a file) is iterated on the request's thread too, each piece
  handed to the event loop as it comes, so a server-side cursor keeps its one connection.
- The pool has HTTP_THREADS threads (default 8) per process: the most requests one process works
  on at a time, and (with the psycopg pool) what bounds its database connections.
"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile

from asgiref.sync import SyncToAsync, async_to_sync
from asgiref.wsgi import WsgiToAsgiInstance

BODY_IN_MEMORY = 64 * 1024


class ThreadedWSGI:
    """An ASGI app (HTTP scopes only) that runs a WSGI app on a thread pool."""

    def __init__(self, wsgi_app, threads: int | None = None):
        self.wsgi_app = wsgi_app
        self.threads = threads or int(os.environ.get("HTTP_THREADS") or 8)
        self._executor = None

    @property
    def executor(self) -> ThreadPoolExecutor:
        if self._executor is None:  # made in the worker process, after gunicorn forks
            self._executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="http")
        return self._executor

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"ThreadedWSGI serves HTTP only, not {scope['type']!r}")
        body = SpooledTemporaryFile(max_size=BODY_IN_MEMORY)  # noqa: SIM115 - closed below
        try:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # the client left (or BodySizeLimitMiddleware stopped the body)
                body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body.seek(0)
            environ = _environ(scope, body)
            # asgiref's hand-off (not a bare run_in_executor): async_to_sync on that thread (the
            # channel layer from a view) then runs on this event loop, as under Django's ASGI handler.
            run = SyncToAsync(_run, thread_sensitive=False, executor=self.executor)
            start, content = await run(self.wsgi_app, environ, send)
            if start is not None:  # answered whole on the thread: written here, no more crossings
                await send(start)
                await send({"type": "http.response.body", "body": content})
        finally:
            body.close()


def _environ(scope, body) -> dict:
    instance = WsgiToAsgiInstance(None)
    instance.scope = scope
    environ = instance.build_environ(scope, body)
    environ["wsgi.errors"] = sys.stderr
    environ["wsgi.multithread"] = True
    return environ


def _run(wsgi_app, environ, send):
    """On the request's thread: the whole Django request. Returns (start, body) for an answer
    held in memory; a streamed answer is sent from here, piece by piece, and returns (None, None)."""
    started = {}

    def start_response(status, headers, exc_info=None):
        started["message"] = {
            "type": "http.response.start",
            "status": int(status.split(" ", 1)[0]),
            "headers": [(name.lower().encode("latin1"), value.encode("latin1")) for name, value in headers],
        }

    result = wsgi_app(environ, start_response)
    sync_send = None
    try:
        if not getattr(result, "streaming", False) and not hasattr(result, "filelike"):
            content = b"".join(result)
            return started["message"], content
        sync_send = async_to_sync(send)
        sync_send(started["message"])
        for piece in result:
            if piece:
                sync_send({"type": "http.response.body", "body": piece, "more_body": True})
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()  # request_finished: this thread's database connection goes back to the pool
    # The end of a streamed body, after close(): the connection is back before the client is done.
    sync_send({"type": "http.response.body"})
    return None, None
