"""Low-stock products (a proxy of catalog.Product): a list, adjustment links and 'restock these'."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hurtrock.admin_readonly import ReadOnlyAdminMixin
from inventory.admin.filters import LowStockLevelFilter, SupplierFilter
from inventory.models import LowStockProduct, RestockOrder, RestockOrderLine
from inventory.selectors import products_low_stock
from inventory.services import restock_orders_create_for_products


@admin.register(LowStockProduct)
class LowStockProductAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "sku",
        "name",
        "stock_quantity",
        "low_stock_threshold",
        "supplier",
        "category",
        "on_order",
        "adjust_link",
    )
    list_display_links = None
    list_filter = (LowStockLevelFilter, SupplierFilter, "category")
    search_fields = ("sku", "name", "brand")
    actions = ["create_restock_orders"]
    list_per_page = 50

    def get_queryset(self, request):
        open_line = RestockOrderLine.objects.filter(
            product=OuterRef("pk"), order__status__in=[RestockOrder.Status.PENDING, RestockOrder.Status.ORDERED]
        )
        return products_low_stock(queryset=super().get_queryset(request)).annotate(is_on_order=Exists(open_line))

    @admin.display(description=gettext_lazy("preferred supplier"), ordering="preferred_supplier_name")
    def supplier(self, obj):
        return obj.preferred_supplier_name or "-"

    @admin.display(description=gettext_lazy("on order"), boolean=True, ordering="is_on_order")
    def on_order(self, obj):
        return obj.is_on_order

    @admin.display(description=gettext_lazy("adjust"))
    def adjust_link(self, obj):
        url = reverse("admin:inventory_stockmovement_add")
        return format_html('<a href="{}?product={}">{}</a>', url, obj.pk, _("Adjust stock"))

    def has_restock_permission(self, request):
        return request.user.has_perm("inventory.add_restockorder")

    @admin.action(
        description=gettext_lazy("Create restock orders for these (one per supplier)"), permissions=["restock"]
    )
    def create_restock_orders(self, request, queryset):
        orders, skipped = restock_orders_create_for_products(products=queryset, user=request.user)
        for product in skipped:
            reason = (
                _("no preferred supplier")
                if product.preferred_supplier_id is None
                else _("already on an open restock order")
            )
            self.message_user(
                request,
                _("%(product)s skipped: %(reason)s.") % {"product": product.name, "reason": reason},
                messages.WARNING,
            )
        if not orders:
            return None
        self.message_user(
            request,
            _("%(count)d pending restock order(s) created: %(numbers)s.")
            % {"count": len(orders), "numbers": ", ".join(o.number for o in orders)},
            messages.SUCCESS,
        )
        if len(orders) == 1:
            return redirect(reverse("admin:inventory_restockorder_change", args=[orders[0].pk]))
        return redirect(reverse("admin:inventory_restockorder_changelist") + "?status__exact=pending")
