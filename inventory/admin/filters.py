"""Admin list filters reusable by other apps' admins (e.g. the catalog's product list)."""

from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class StockLevelFilter(admin.SimpleListFilter):
    """Out of stock / low (at or under the product's threshold) / in stock."""

    title = _("stock level")
    parameter_name = "stock_level"

    def lookups(self, request, model_admin):
        return [("out", _("Out of stock")), ("low", _("Low (at or under threshold)")), ("ok", _("In stock"))]

    def queryset(self, request, queryset):
        if self.value() == "out":
            return queryset.filter(stock_quantity=0)
        if self.value() == "low":
            return queryset.filter(stock_quantity__lte=F("low_stock_threshold"))
        if self.value() == "ok":
            return queryset.filter(stock_quantity__gt=F("low_stock_threshold"))
        return queryset


class LowStockLevelFilter(StockLevelFilter):
    """On a list that is already low stock only: empty versus still some left."""

    def lookups(self, request, model_admin):
        return [("out", _("Out of stock")), ("some", _("Some left"))]

    def queryset(self, request, queryset):
        if self.value() == "some":
            return queryset.filter(stock_quantity__gt=0)
        return super().queryset(request, queryset)
