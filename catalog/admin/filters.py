"""Admin list filters: the category tree (with sub-categories) and stock state."""

from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from catalog.selectors import category_descendants_subquery, category_tree


class CategoryTreeFilter(admin.SimpleListFilter):
    """Filter by a category and everything under it, choices indented like the tree."""

    title = _("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [(str(node.category.pk), f"{'— ' * node.depth}{node.name}") for node in category_tree(active_only=False)]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.filter(category_id__in=category_descendants_subquery(category_id=int(value)))


class StockStateFilter(admin.SimpleListFilter):
    """Stock compared with each product's own low-stock threshold."""

    title = _("stock")
    parameter_name = "stock"

    def lookups(self, request, model_admin):
        return [
            ("in", _("In stock (above threshold)")),
            ("low", _("Low stock (at or under threshold)")),
            ("out", _("Out of stock")),
            ("restock", _("Needs restock (low or out)")),
        ]

    def queryset(self, request, queryset):
        threshold = F("low_stock_threshold")
        return {
            "in": lambda: queryset.filter(stock_quantity__gt=threshold),
            "low": lambda: queryset.filter(stock_quantity__gt=0, stock_quantity__lte=threshold),
            "out": lambda: queryset.filter(stock_quantity=0),
            "restock": lambda: queryset.filter(stock_quantity__lte=threshold),
        }.get(self.value(), lambda: queryset)()
