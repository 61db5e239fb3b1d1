"""Guards at the edge of the application.

`BodySizeLimitMiddleware` (ASGI) answers 413 to a request body over REQUEST_BODY_MAX_BYTES
(REQUEST_BODY_MAX_BYTES_ADMIN under /admin/, where the multi-picture upload lives): at once when
Content-Length says so, otherwise as soon as the streamed body passes the limit, before Django
spools it to a temporary file. Daphne itself has already read the whole body (Twisted buffers it
to a temporary file before the application runs), so the load balancer's own limit
(nginx `client_max_body_size`) is the first guard and this one the second; see README.

`MalformedInputMiddleware` (Django) answers 400 to a query string or form field holding a NUL
byte (PostgreSQL refuses NUL in text, which used to end in a 500), or a query-string value longer
than QUERY_VALUE_MAX_LENGTH characters (form bodies may be long: a description).
"""

from django.conf import settings
from django.core.exceptions import BadRequest

TOO_LARGE_BODY = b"Request body too large."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def body_limit_for(path: str) -> int:
    if path.startswith("/admin/"):
        return settings.REQUEST_BODY_MAX_BYTES_ADMIN
    return settings.REQUEST_BODY_MAX_BYTES


class BodySizeLimitMiddleware:
    """ASGI middleware around the HTTP application."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = body_limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    return await self._reject(send, status=400, body=b"Bad Content-Length.")
                if declared > limit:
                    return await self._reject(send)
        received = 0
        rejected = False

        async def limited_receive():
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    rejected = True
                    # Django stops reading at a disconnect and never calls the view.
                    return {"type": "http.disconnect"}
            return message

        response_started = False

        async def guarded_send(message):
            nonlocal response_started
            if rejected:
                return None
            response_started = True
            return await send(message)

        await self.app(scope, limited_receive, guarded_send)
        if rejected and not response_started:
            await self._reject(send)

    @staticmethod
    async def _reject(send, status: int = 413, body: bytes = TOO_LARGE_BODY):
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _bad_value(value: str, max_length: int | None) -> bool:
    return "\x00" in value or (max_length is not None and len(value) > max_length)


class MalformedInputMiddleware:
    """Django middleware: refuse NUL bytes (query and form fields) and overlong query values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        max_length = settings.QUERY_VALUE_MAX_LENGTH
        if "\x00" in request.path:
            raise BadRequest("NUL byte in the path")
        sources = [(request.GET, max_length)]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            sources.append((request.POST, None))  # parsed here or by CsrfViewMiddleware a moment later
        for source, max_length in sources:
            for key, values in source.lists():
                if _bad_value(key, max_length) or any(_bad_value(value, max_length) for value in values):
                    raise BadRequest("malformed query or form value")
        return self.get_response(request)
