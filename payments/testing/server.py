"""A tiny threaded HTTP server whose routes are methods of a fake gateway object."""

import json
import re
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Request:
    def __init__(self, handler: BaseHTTPRequestHandler, body: bytes):
        parts = urlsplit(handler.path)
        self.method = handler.command
        self.path = parts.path
        self.query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.body = body

    def json(self):
        return json.loads(self.body or b"{}")


class Response:
    def __init__(self, status=200, body: bytes | str | dict = b"", content_type="application/json", headers=None):
        if isinstance(body, dict | list):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}


class FakeServer:
    """Subclasses declare `routes = [(method, regex, handler_name), ...]`."""

    routes: list[tuple[str, str, str]] = []

    def __init__(self):
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self._httpd = None
        self.url = ""

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _dispatch(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(self, self.rfile.read(length) if length else b"")
                with fake.lock:
                    fake.requests.append(request)
                response = fake.dispatch(request)
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(response.body)))
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_DELETE = _dispatch

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()

    def dispatch(self, request: Request) -> Response:
        for method, pattern, name in self.routes:
            match = re.fullmatch(pattern, request.path)
            if match and method == request.method:
                return getattr(self, name)(request, **match.groupdict())
        return Response(404, {"error": f"no route {request.method} {request.path}"})

    def requests_to(self, path_prefix: str, method: str | None = None) -> list[Request]:
        with self.lock:
            return [
                r for r in self.requests if r.path.startswith(path_prefix) and (method is None or r.method == method)
            ]


def post(url: str, body: bytes, headers: dict, timeout: float = 30) -> tuple[int, bytes]:
    """Deliver a webhook/notification to the shop over HTTP (used by the hosted pages)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - test URLs
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:  # nobody listens there (e.g. a test client's "testserver"): a lost delivery
        return 0, b""
