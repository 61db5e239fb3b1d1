"""Storefront views: thin wrappers around the selectors."""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from catalog.filters import ProductFilter, sort_order
from catalog.models import Product
from catalog.presenters import product_json, product_suggestion_json
from catalog.selectors import (
    category_ancestors,
    category_tree,
    product_brand_list,
    product_get_for_detail,
    product_list_queryset,
    product_related,
    product_search,
    product_suggestions,
    product_variants,
    search_query_clean,
)
from catalog.views_after_sale import review_context

PAGE_SIZE = 24
AUTOCOMPLETE_LIMIT = 8


@require_GET
def product_list(request):
    tree = category_tree()
    products = ProductFilter(
        request.GET,
        queryset=product_list_queryset().order_by(*sort_order(None)),
        categories=tree,
        brands=product_brand_list(),
    )
    page = Paginator(products.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    category_slug = products.form.cleaned_data.get("category") if products.is_valid() else None
    current_category = next((node.category for node in tree if node.slug == category_slug), None)
    return render(
        request,
        "catalog/product_list.html",
        {"filter": products, "page_obj": page, "category_tree": tree, "current_category": current_category},
    )


@require_GET
def product_detail(request, pk, slug=None):
    try:
        product = product_get_for_detail(pk=pk)
    except Product.DoesNotExist:
        raise Http404(_("No such product."))
    if slug != product.slug:
        return redirect(product, permanent=True)
    variants = product_variants(product=product)
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "images": list(product.images.all()),
            "breadcrumbs": category_ancestors(category_id=product.category_id),
            "variants": variants if len(variants) > 1 else [],
            "related": product_related(product=product),
            **review_context(request, product),
        },
    )


@require_GET
def search(request):
    query = search_query_clean(request.GET.get("q"))
    page = Paginator(product_search(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/search.html", {"query": query, "page_obj": page})


@require_GET
@cache_control(max_age=60, public=True)
def autocomplete(request):
    """Up to eight suggestions as JSON; fewer than two characters give none (too broad to help)."""
    query = search_query_clean(request.GET.get("q"))
    if len(query) < 2:
        return JsonResponse({"query": query, "results": []})
    products = product_suggestions(query=query, limit=AUTOCOMPLETE_LIMIT)
    return JsonResponse({"query": query, "results": [product_suggestion_json(product) for product in products]})


@require_GET
def product_api(request, pk):
    try:
        product = product_get_for_detail(pk=pk)
    except Product.DoesNotExist:
        return JsonResponse({"error": "not_found", "detail": _("No such product.")}, status=404)
    return JsonResponse(product_json(product, request=request))
