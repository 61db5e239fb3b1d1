"""Storefront views of the after-sale features: reviews, the wishlist, back-in-stock alerts.

Thin: parse the request, call a service, redirect back (or answer JSON to the small script in
static/js/after-sale.js). Everything here needs a signed-in buyer; visitors are sent to sign in
and come back to the page they were on.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.models import Product, ProductImage
from catalog.selectors import product_visible_queryset
from catalog.selectors.reviews import review_distribution, reviews_published
from catalog.services.reviews import ReviewError, review_can_write, review_create
from hurtrock.redirects import safe_next_url

REVIEWS_PAGE_SIZE = 10


def _stars_param(raw) -> int | None:
    return int(raw) if raw in {"1", "2", "3", "4", "5"} else None


def product_structured_data(request, product: Product) -> str:
    """schema.org Product with Offer (and AggregateRating once there are reviews), as safe JSON-LD."""
    main = product.main_image
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": product.sku,
        "brand": {"@type": "Brand", "name": product.brand},
        "description": product.description[:500],
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": "IDR",
            "availability": "https://schema.org/InStock" if product.is_in_stock else "https://schema.org/OutOfStock",
        },
    }
    if main is not None:
        data["image"] = request.build_absolute_uri(main.display.url)
    if product.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(product.rating_average),
            "reviewCount": product.rating_count,
            "bestRating": "5",
            "worstRating": "1",
        }
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - JSON with the HTML-significant characters escaped


def review_context(request, product: Product) -> dict:
    """What the product page needs for its rating summary, reviews and the review form."""
    stars = _stars_param(request.GET.get("stars"))
    page = Paginator(reviews_published(product=product, stars=stars), REVIEWS_PAGE_SIZE).get_page(
        request.GET.get("reviews_page")
    )
    user = request.user
    return {
        "review_page": page,
        "review_stars": stars,
        "review_distribution": review_distribution(product=product) if product.rating_count else [],
        "can_review": review_can_write(product=product, user=user),
        "structured_data": product_structured_data(request, product),
        "in_wishlist": user.is_authenticated and user.wishlist_items.filter(product=product).exists(),
        "stock_alert": (
            user.is_authenticated
            and not product.is_in_stock
            and user.stock_alerts.filter(product=product, notified_at__isnull=True).exists()
        ),
    }


@require_POST
@login_required
def review_submit(request, pk: int):
    product = get_object_or_404(product_visible_queryset(), pk=pk)
    try:
        rating = int(request.POST.get("rating", ""))
    except ValueError:
        rating = 0
    try:
        review_create(
            product=product,
            user=request.user,
            rating=rating,
            text=request.POST.get("text", ""),
            photos=request.FILES.getlist("photos"),
        )
    except ReviewError as error:
        if error.forbidden:
            return HttpResponseForbidden(error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you! Your review appears once our staff have read it."))
    return redirect(product.get_absolute_url() + "#reviews")


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


@require_POST
@login_required
def wishlist_toggle_view(request, pk: int):
    from catalog.services.wishlist import wishlist_toggle

    product = get_object_or_404(product_visible_queryset(), pk=pk)
    added = wishlist_toggle(user=request.user, product=product, language=request.LANGUAGE_CODE)
    message = (_("“%(name)s” is on your wishlist.") if added else _("“%(name)s” is off your wishlist.")) % {
        "name": product.name
    }
    if _wants_json(request):
        count = request.user.wishlist_items.count()
        return JsonResponse({"ok": True, "in_wishlist": added, "count": count, "message": message})
    messages.success(request, message)
    return redirect(safe_next_url(request, product.get_absolute_url()))


@require_GET
@login_required
def wishlist_page(request):
    items = (
        request.user.wishlist_items.select_related("product")
        .prefetch_related(
            Prefetch(
                "product__images",
                queryset=ProductImage.objects.filter(is_main=True),
                to_attr="prefetched_main_images",
            ),
            # A saved family shows its "from" price and options, and is chosen on its page.
            Prefetch(
                "product__variants",
                queryset=product_visible_queryset().order_by("price", "id"),
                to_attr="prefetched_variants",
            ),
        )
        .filter(product__is_active=True)
    )
    page = Paginator(items, 24).get_page(request.GET.get("page"))
    return render(request, "catalog/wishlist.html", {"page_obj": page})


@require_POST
@login_required
def stock_alert_view(request, pk: int):
    from catalog.services.wishlist import WishlistError, stock_alert_subscribe

    product = get_object_or_404(product_visible_queryset(), pk=pk)
    try:
        stock_alert_subscribe(user=request.user, product=product, language=request.LANGUAGE_CODE)
    except WishlistError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, _("We will e-mail you when “%(name)s” is back in stock.") % {"name": product.name})
    return redirect(product.get_absolute_url())
