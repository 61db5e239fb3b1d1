"""Admin list filters of the inventory (the catalog's product admin has the general stock filter)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from inventory.models import Supplier, SupplierProduct


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


class SupplierFilter(admin.SimpleListFilter):
    """Products by supplier (any supplier that has a price for them; the preferred one is marked)."""

    title = _("supplier")
    parameter_name = "supplier"

    def lookups(self, request, model_admin):
        return [(str(pk), name) for pk, name in Supplier.objects.order_by("name").values_list("pk", "name")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.filter(Exists(SupplierProduct.objects.filter(product=OuterRef("pk"), supplier_id=int(value))))
