"""The ceiling for `make bench`: a bare Django view served by the same server and middleware.

Enabled only with `BENCH_ENDPOINTS=1` (the bench starts the server so); never routed otherwise.
It returns 20 KB of HTML without touching the database or a template, so its requests/s is what
the server set-up itself can do, and every shop page is reported as a share of it.
"""

from django.http import HttpResponse

_PAYLOAD = (
    b"<!doctype html><html><head><title>bare</title></head><body>"
    + (b"<p>" + b"x" * 96 + b"</p>\n") * 195
    + b"</body></html>"
)


def bare(request):
    return HttpResponse(_PAYLOAD, content_type="text/html; charset=utf-8")
