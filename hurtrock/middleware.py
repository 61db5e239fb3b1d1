"""Guards at the edge of the application.

`BodySizeLimitMiddleware` (ASGI) answers 413 to a request body over REQUEST_BODY_MAX_BYTES
(REQUEST_BODY_MAX_BYTES_ADMIN under /admin/, where the multi-picture upload lives): at once when
Content-Length says so, otherwise as soon as the streamed body passes the limit, before Django
spools it to a temporary file. Daphne itself has already read the whole body (Twisted buffers it
to a temporary file before the application runs), so the load balancer's own limit
(nginx `client_max_body_size`) is the first guard and this one the second; see README.

`MalformedInputMiddleware` (Django) removes NUL bytes from the query string (PostgreSQL refuses
NUL in text, which used to end in a 500: a search for "a<NUL>b" is a search for "ab"), and answers
400 to a NUL byte in the path or a form field, or to a query-string value longer than
QUERY_VALUE_MAX_LENGTH characters (form bodies may be long: a description).
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
    """Django middleware: NUL bytes out of the query, 400 for NUL in a form field or path and for overlong query values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        max_length = settings.QUERY_VALUE_MAX_LENGTH
        if "\x00" in request.path:
            raise BadRequest("NUL byte in the path")
        if "%00" in request.META.get("QUERY_STRING", "") or any("\x00" in key for key in request.GET):
            request.GET = _without_nul(request.GET)
        for key, values in request.GET.lists():
            if _bad_value(key, max_length) or any(_bad_value(value, max_length) for value in values):
                raise BadRequest("overlong query value")
        if request.method == "POST" and request.content_type in FORM_TYPES:
            # Parsed here or by CsrfViewMiddleware a moment later.
            for key, values in request.POST.lists():
                if _bad_value(key, None) or any(_bad_value(value, None) for value in values):
                    raise BadRequest("NUL byte in a form field")
        return self.get_response(request)


def _without_nul(query):
    from django.http import QueryDict

    clean = QueryDict(mutable=True)
    for key, values in query.lists():
        clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    clean._mutable = False
    return clean
