"""Admin list filters of the inventory (the catalog's product admin has the general stock filter)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class LowStockLevelFilter(admin.SimpleListFilter):
    """On the low-stock list (already at or under threshold): empty versus still some left."""

    title = _("stock level")
    parameter_name = "stock_level"

    def lookups(self, request, model_admin):
        return [("out", _("Out of stock")), ("some", _("Some left"))]

    def queryset(self, request, queryset):
        if self.value() == "out":
            return queryset.filter(stock_quantity=0)
        if self.value() == "some":
            return queryset.filter(stock_quantity__gt=0)
        return queryset
