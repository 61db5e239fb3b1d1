"""Storefront views: thin wrappers around the selectors."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from catalog.filters import ProductFilter, sort_order
from catalog.filters_search import SearchFilter, search_sorted
from catalog.models import Product
from catalog.presenters import product_json, suggestions_json
from catalog.presenters_variants import family_values, variant_data, variant_images
from catalog.selectors import (
    category_ancestors,
    category_tree,
    family_cards,
    product_brand_list,
    product_family,
    product_get_for_detail,
    product_list_queryset,
    product_related,
    product_suggestions,
    product_variants,
    product_visible_queryset,
    search_highlight_terms,
    search_query_clean,
    search_run,
)
from catalog.views_after_sale import product_structured_data, review_context

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
    family = product_family(product=product)
    if family is not None:
        return _family_detail(request, family)
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


def _family_detail(request, family):
    """A family's page: the parent's words, the selected variant's price, stock, SKU, pictures and
    cart target, and the option picker. `?option-<id>=value` (the picker without JavaScript) goes
    to the variant with those values."""
    chosen = {
        option.pk: request.GET[f"option-{option.pk}"]
        for option in family.options
        if f"option-{option.pk}" in request.GET
    }
    if chosen:
        match = family.variant_for({**family_values(family, family.selected), **chosen})
        match = match or family.variant_for(chosen)
        if match is not None:
            return redirect(match.get_absolute_url())
    parent, selected = family.parent, family.selected
    context = review_context(request, parent)
    context["structured_data"] = product_structured_data(request, selected)
    user = request.user  # "tell me when it is back" is about the selected variant, not the parent
    context["stock_alert"] = (
        user.is_authenticated
        and not selected.is_in_stock
        and user.stock_alerts.filter(product=selected, notified_at__isnull=True).exists()
    )
    return render(
        request,
        "catalog/product_family.html",
        {
            **context,
            "product": selected,
            "family": family,
            "picker": family.picker(),
            "variant_panes": [(variant, variant_images(variant, parent)) for variant in family.variants],
            "variant_data": variant_data(family, parent_images=list(parent.images.all())),
            "canonical_url": request.build_absolute_uri(request.path),
            "breadcrumbs": category_ancestors(category_id=parent.category_id),
            "related": product_related(product=parent),
        },
    )


@require_GET
def search(request):
    """Results with the list page's filters; "did you mean" when words were corrected (`exact=1`
    searches the words as typed)."""
    query = search_query_clean(request.GET.get("q"))
    exact = request.GET.get("exact") == "1"
    tree = category_tree()
    filters = SearchFilter(
        request.GET, queryset=product_visible_queryset(), categories=tree, brands=product_brand_list()
    )
    products = filters.qs.select_related("parent")  # family_cards shows a matching variant's parent
    result = search_run(query=query, products=products, exact=exact)
    page = Paginator(search_sorted(result.products, filters.active_sort), PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.paginator.count and result.can_relax:  # no product has every word: any of them
        result = search_run(query=query, products=products, exact=exact, relaxed=True)
        page = Paginator(search_sorted(result.products, filters.active_sort), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    page.object_list = family_cards(list(page.object_list))
    return render(
        request,
        "catalog/search.html",
        {
            "query": query,
            "result": result,
            "filter": filters,
            "page_obj": page,
            "category_tree": tree,
            "categories": [node for node in tree if node.depth == 0],
            "highlight_terms": search_highlight_terms(result),
            "exact_url": f"?{urlencode({'q': query, 'exact': '1'})}",
        },
    )


@require_GET
@cache_control(max_age=60, public=True)
def autocomplete(request):
    """Up to eight product suggestions, with the categories and brands among them, as JSON (two
    queries); fewer than two characters give none (too broad to help)."""
    query = search_query_clean(request.GET.get("q"))
    if len(query) < 2:
        return JsonResponse({"query": query, "results": [], "categories": [], "brands": []})
    products = product_suggestions(query=query, limit=AUTOCOMPLETE_LIMIT)
    return JsonResponse({"query": query, **suggestions_json(products)})


@require_GET
def product_api(request, pk):
    try:
        product = product_get_for_detail(pk=pk)
    except Product.DoesNotExist:
        return JsonResponse({"error": "not_found", "detail": _("No such product.")}, status=404)
    return JsonResponse(product_json(product, request=request))
