"""Supplier prices in the back office: their own list with CSV/XLSX import-export, an inline on the
supplier page, and one on the catalog's product page (added from here: catalog knows nothing of
inventory)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin

from catalog.admin.products import ProductAdmin
from hurtrock.importing import HardenedImportExportMixin
from hurtrock.templatetags.rupiah import format_rupiah
from inventory.admin.filters import SupplierFilter
from inventory.admin.suppliers import SupplierAdmin
from inventory.models import SupplierProduct
from inventory.resources import SupplierProductResource
from inventory.services import supplier_price_make_preferred, supplier_price_save


class SupplierProductInline(admin.TabularInline):
    model = SupplierProduct
    fields = ("supplier", "supplier_sku", "cost_price", "lead_time_days", "is_preferred")
    autocomplete_fields = ("supplier",)
    extra = 0
    verbose_name = _("supplier price")
    verbose_name_plural = _("supplier prices")


class ProductSupplierInline(SupplierProductInline):
    """On the supplier page: the products this supplier sells us."""

    fields = ("product", "supplier_sku", "cost_price", "lead_time_days", "is_preferred")
    autocomplete_fields = ("product",)


@admin.register(SupplierProduct)
class SupplierProductAdmin(HardenedImportExportMixin, ImportExportModelAdmin):
    resource_classes = [SupplierProductResource]
    import_template_name = "admin/inventory/supplierproduct/import.html"
    list_display = ("product", "supplier", "supplier_sku", "cost_display", "lead_time_days", "is_preferred")
    list_display_links = ("product",)
    list_filter = ("is_preferred", "supplier")
    list_select_related = ("product", "supplier")
    search_fields = ("product__sku", "product__name", "supplier__name", "supplier_sku")
    autocomplete_fields = ("product", "supplier")
    fields = ("supplier", "product", "supplier_sku", "cost_price", "lead_time_days", "is_preferred", "updated_at")
    readonly_fields = ("updated_at",)
    actions = ["make_preferred"]
    list_per_page = 50

    @admin.display(description=_("cost price"), ordering="cost_price")
    def cost_display(self, obj):
        return format_rupiah(obj.cost_price)

    def save_model(self, request, obj, form, change):
        supplier_price_save(supplier_product=obj)

    @admin.action(description=_("Make the preferred supplier of its product"), permissions=["change"])
    def make_preferred(self, request, queryset):
        done = {}
        for row in queryset.order_by("pk"):
            done[row.product_id] = supplier_price_make_preferred(supplier_product=row)
        count = len(done)
        self.message_user(
            request,
            ngettext("%(count)d preferred supplier set.", "%(count)d preferred suppliers set.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    # --- import/export ----------------------------------------------------------------------------
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("product", "supplier")


# The catalog's product admin gets the supplier prices inline and a supplier filter from here.
ProductAdmin.inlines = [*ProductAdmin.inlines, SupplierProductInline]
ProductAdmin.list_filter = (*ProductAdmin.list_filter, SupplierFilter)
SupplierAdmin.inlines = [*SupplierAdmin.inlines, ProductSupplierInline]
