"""The search page's filters: the list page's (category, brand, price, in stock) plus relevance order."""

import django_filters
from django.utils.translation import gettext_lazy as _

from catalog.filters import SORT_ORDERS, ProductFilter

RELEVANCE = "relevance"


class SearchFilter(ProductFilter):
    """Filters the products searched; sorting by relevance (the default) keeps the search's order."""

    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        label=_("Sort by"),
        choices=[(RELEVANCE, _("Relevance"))] + [(key, label) for key, (label, _order) in SORT_ORDERS.items()],
        empty_label=None,
    )

    def filter_sort(self, queryset, name, value):
        return queryset  # the order is applied after the search (see search_sorted)

    @property
    def active_sort(self) -> str:
        return getattr(self.form, "cleaned_data", {}).get("sort") or RELEVANCE


def search_sorted(products, sort: str):
    """The searched products in the chosen order (relevance: as ranked)."""
    if sort in SORT_ORDERS:
        return products.order_by(*SORT_ORDERS[sort][1])
    return products
