"""Error pages: JSON for API calls, a friendly page otherwise; never a stack trace."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def _error(request, status: int, title: str, message: str):
    if _wants_json(request):
        return JsonResponse({"error": message, "status": status}, status=status)
    return render(request, "error.html", {"status": status, "title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("Not allowed"), _("You do not have permission to see this page."))


def page_not_found(request, exception=None):
    return _error(request, 404, _("Not found"), _("We could not find that page. It may have moved or sold out."))


def server_error(request):
    """Standalone: no base template, no context processors, no database (whatever broke may be those)."""
    title, message = _("Something went wrong"), _("Our amplifier blew a fuse. Please try again shortly.")
    if _wants_json(request):
        return JsonResponse({"error": message, "status": 500}, status=500)
    context = {"status": 500, "title": title, "message": message}
    return HttpResponseServerError(loader.get_template("error_standalone.html").render(context))
