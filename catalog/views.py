"""Storefront views (filled by the catalog issue)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from catalog.models import Product


def product_list(request):
    products = Product.objects.filter(is_active=True).select_related("category").order_by("-created_at", "-id")
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(request, "catalog/product_list.html", {"page_obj": page})


def product_detail(request, pk, slug=None):
    product = get_object_or_404(Product.objects.select_related("category"), pk=pk, is_active=True)
    if slug != product.slug:
        return redirect(product, permanent=True)
    return render(request, "catalog/product_detail.html", {"product": product})
