"""The shop's product filters and sort orders (django-filter); all state lives in the query string."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from catalog.selectors import category_choices, category_descendants_subquery

SORT_ORDERS = {
    "newest": (_("Newest"), ("-created_at", "-id")),
    "price_asc": (_("Price: low to high"), ("price", "id")),
    "price_desc": (_("Price: high to low"), ("-price", "-id")),
    "name": (_("Name"), ("name", "id")),
    "best_selling": (_("Best-selling"), ("-units_sold", "-id")),
}
DEFAULT_SORT = "newest"


class ProductFilter(django_filters.FilterSet):
    """Category (with its sub-categories), brands, price range, in stock, and the sort order.

    The category and brand choices come from the caller (one query each, already needed to draw the
    sidebar), so validating the form costs no further queries. The queryset passed in is already in
    the default order; a chosen sort replaces it.
    """

    category = django_filters.ChoiceFilter(
        method="filter_category", label=_("Category"), empty_label=_("All categories")
    )
    brand = django_filters.MultipleChoiceFilter(label=_("Brand"), widget=forms.CheckboxSelectMultiple)
    min_price = django_filters.NumberFilter(
        field_name="price",
        lookup_expr="gte",
        label=_("Minimum price (Rp)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
    )
    max_price = django_filters.NumberFilter(
        field_name="price",
        lookup_expr="lte",
        label=_("Maximum price (Rp)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
    )
    in_stock = django_filters.BooleanFilter(
        method="filter_in_stock", label=_("In stock only"), widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in SORT_ORDERS.items()],
        empty_label=None,
    )

    def __init__(self, data=None, *args, categories=(), brands=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["category"].extra["choices"] = category_choices(categories)
        self.filters["brand"].extra["choices"] = [(brand, brand) for brand in brands]

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id__in=category_descendants_subquery(slug=value)) if value else queryset

    def filter_in_stock(self, queryset, name, value):
        """In stock, or a product family with a variant in stock."""
        if not value:
            return queryset
        variant_in_stock = Product.objects.filter(parent_id=OuterRef("pk"), is_active=True, stock_quantity__gt=0)
        return queryset.filter(Q(stock_quantity__gt=0) | Exists(variant_in_stock))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*sort_order(value))

    @property
    def active_sort(self) -> str:
        return getattr(self.form, "cleaned_data", {}).get("sort") or DEFAULT_SORT


def sort_order(key: str | None) -> tuple[str, ...]:
    """The order_by() fields of a sort key (the default, newest first, for an unknown key)."""
    return SORT_ORDERS.get(key or DEFAULT_SORT, SORT_ORDERS[DEFAULT_SORT])[1]
