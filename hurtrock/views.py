"""Site-wide pages: home, contact, profile, language/theme helpers and the health check."""

import asyncio
import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from catalog.selectors import (
    category_roots,
    category_tree,
    product_featured_list,
    product_flash_sale_list,
    product_new_arrivals,
)
from hurtrock.forms import ProfileForm
from hurtrock.redirects import safe_next_url
from hurtrock.selectors import store_opening_hours, store_profile_get

logger = logging.getLogger(__name__)


def home(request):
    """The shop window: top-level categories, featured products and new arrivals (five queries)."""
    return render(
        request,
        "hurtrock/home.html",
        {
            "categories": category_roots(category_tree()),
            "flash_sales": product_flash_sale_list(limit=8),
            "featured": product_featured_list(limit=8),
            "new_arrivals": product_new_arrivals(limit=8),
        },
    )


def contact(request):
    profile = store_profile_get()
    return render(request, "hurtrock/contact.html", {"opening_hours": store_opening_hours(profile)})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    next_url = safe_next_url(request)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect(next_url or "profile")
    return render(request, "hurtrock/profile.html", {"form": form, "next": next_url})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 - any failure means "down"
        logger.exception("healthz: database check failed")
        return False


async def _channel_layer_ok() -> bool:
    layer = get_channel_layer()
    if layer is None:
        return False
    try:
        channel = await layer.new_channel("healthz.")
        await layer.send(channel, {"type": "healthz.ping"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=3)
        return message.get("type") == "healthz.ping"
    except Exception:  # noqa: BLE001
        logger.exception("healthz: channel layer check failed")
        return False


@never_cache
@require_GET
async def healthz(request):
    """Liveness for the load balancer: 200 when the database and the channel layer answer, else 503."""
    database = await sync_to_async(_database_ok, thread_sensitive=True)()
    channel_layer = await _channel_layer_ok()
    healthy = database and channel_layer
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": "ok" if database else "error",
            "channel_layer": "ok" if channel_layer else "error",
        },
        status=200 if healthy else 503,
    )
