"""Redirect targets taken from the request, kept inside this site (no open redirects).

A kernel module: any app may import it (hurtrock.views, which renders pages from the catalog, may not be).
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default: str = "") -> str:
    """The `next` parameter when it points into this site, else `default` (no open redirects)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
