"""Product back office: inline images with multi-upload, tree/brand/stock filters, bulk actions,
prices shown as rupiah in the list (edited on the product page), CSV/XLSX import-export. Stock is read-only here (the stock ledger owns it).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin

from catalog.admin.filters import CategoryTreeFilter, StockStateFilter
from catalog.admin.variants import VariantInline, VariantOptionInline, variant_family_save_from_admin
from catalog.admin.widgets import CategoryTreeChoiceField, thumbnail_html
from catalog.forms import ProductAdminForm, ProductImageInlineForm, ProductImageInlineFormSet
from catalog.models import Product, ProductImage
from catalog.resources import ProductResource
from catalog.selectors import main_image_prefetch
from catalog.services import (
    product_delete,
    product_images_save_from_admin,
    product_save,
    products_set_active,
    products_set_featured,
)
from catalog.services.images import ImageEdit
from hurtrock.importing import HardenedImportExportMixin
from hurtrock.templatetags.rupiah import format_decimal, format_rupiah


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    form = ProductImageInlineForm
    formset = ProductImageInlineFormSet
    fields = ("preview", "upload", "alt_text", "sort_order", "is_main")
    readonly_fields = ("preview",)
    extra = 1
    ordering = ("sort_order", "id")

    @admin.display(description=_("Preview"))
    def preview(self, obj):
        return thumbnail_html(obj if obj and obj.pk else None, size=80)


@admin.register(Product)
class ProductAdmin(HardenedImportExportMixin, ImportExportModelAdmin):
    form = ProductAdminForm
    resource_classes = [ProductResource]
    import_template_name = "admin/catalog/product/import.html"
    inlines = [ProductImageInline, VariantOptionInline, VariantInline]
    list_display = (
        "thumbnail",
        "name",
        "sku",
        "brand",
        "category",
        "price_display",
        "stock_quantity",
        "stock_state",
        "is_featured",
        "is_active",
    )
    list_display_links = ("name",)
    list_filter = (CategoryTreeFilter, "brand", "is_featured", "is_active", StockStateFilter)
    list_select_related = ("category",)
    list_per_page = 50
    search_fields = ("name", "sku", "brand", "model_name")
    search_help_text = _("Name, SKU, brand or model.")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("parent",)
    readonly_fields = (
        "stock_quantity",
        "units_sold",
        "flash_units_sold",
        "average_cost_display",
        "margin_display",
        "created_at",
        "updated_at",
    )
    actions = ["feature", "unfeature", "activate", "deactivate"]
    fieldsets = (
        (None, {"fields": ("name", "slug", "sku", "brand", "model_name", "category", "parent")}),
        (_("Description"), {"fields": ("description", "specifications")}),
        (
            _("Price and stock"),
            {
                "fields": (
                    "price",
                    "average_cost_display",
                    "margin_display",
                    "stock_quantity",
                    "low_stock_threshold",
                    "units_sold",
                ),
                "description": _(
                    "Stock is changed only through the stock ledger (restock orders, adjustments, sales); "
                    "new products start at 0."
                ),
            },
        ),
        (
            _("Sale and flash sale"),
            {
                "fields": (
                    "compare_at_price",
                    ("sale_price", "sale_starts_at", "sale_ends_at"),
                    ("flash_price", "flash_starts_at", "flash_ends_at"),
                    ("flash_quota", "flash_units_sold"),
                ),
                "description": _(
                    "Times are Asia/Jakarta. A flash sale needs a start; it shows while units are left. "
                    "A new start begins a new flash sale with its whole quota."
                ),
            },
        ),
        (_("Shipping"), {"fields": ("weight_grams", "length_cm", "width_cm", "height_cm")}),
        (_("Visibility"), {"fields": ("is_active", "is_featured")}),
        (_("Pictures"), {"fields": ("new_images",)}),
        (_("Dates"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(main_image_prefetch())

    def get_inlines(self, request, obj):
        """A variant's page has its pictures only; its family is edited on the parent's page."""
        family = (VariantOptionInline, VariantInline)
        if obj is not None and obj.parent_id:
            return [inline for inline in self.inlines if inline not in family]
        return self.inlines

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            return CategoryTreeChoiceField(label=db_field.verbose_name, required=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Picture"))
    def thumbnail(self, obj):
        return thumbnail_html(obj.main_image)

    @admin.display(description=_("price"), ordering="price")
    def price_display(self, obj):
        return format_rupiah(obj.price)

    @admin.display(description=_("average cost"))
    def average_cost_display(self, obj):
        return format_rupiah(obj.average_cost) if obj.average_cost else _("not known yet (set by restock receipts)")

    @admin.display(description=_("margin"))
    def margin_display(self, obj):
        if obj.margin_percent is None:
            return "—"
        return f"{format_rupiah(obj.unit_margin)} ({format_decimal(obj.margin_percent)} %)"

    @admin.display(description=_("Stock state"))
    def stock_state(self, obj):
        if obj.stock_quantity == 0:
            return _("Out of stock")
        return _("Low") if obj.is_low_stock else _("OK")

    # --- saving goes through the services --------------------------------------------------------
    def save_model(self, request, obj, form, change):
        product_save(product=obj)

    def save_related(self, request, form, formsets, change):
        image_formsets = [formset for formset in formsets if formset.model is ProductImage]
        super().save_related(
            request, form, [formset for formset in formsets if formset.model is not ProductImage], change
        )
        edits = []
        for formset in image_formsets:
            for inline_form in formset.forms:
                if not inline_form.has_changed() and inline_form.instance.pk is None:
                    continue
                data = inline_form.cleaned_data
                edits.append(
                    ImageEdit(
                        image=inline_form.instance if inline_form.instance.pk else None,
                        upload=data.get("upload"),
                        alt_text=data.get("alt_text", ""),
                        sort_order=data.get("sort_order"),
                        is_main=bool(data.get("is_main")),
                        delete=formset._should_delete_form(inline_form),
                    )
                )
        # No sort_order: product_image_add puts each new picture after every picture already saved.
        edits += [ImageEdit(upload=upload) for upload in form.cleaned_data.get("new_images") or []]
        warning = variant_family_save_from_admin(parent=form.instance, formsets=formsets)
        if warning:
            self.message_user(request, warning, level=messages.WARNING)
        result = product_images_save_from_admin(product=form.instance, edits=edits)
        for formset in image_formsets:  # what the admin's change message reads
            formset.new_objects = result.added
            formset.changed_objects = [(image, ["alt_text", "sort_order", "is_main"]) for image in result.changed]
            formset.deleted_objects = result.deleted

    def delete_model(self, request, obj):
        product_delete(product=obj)

    def delete_queryset(self, request, queryset):
        for product in queryset:
            product_delete(product=product)

    # --- bulk actions -----------------------------------------------------------------------------
    def _report(self, request, count, message):
        """`message` is an ngettext(...) of literals, so that makemessages extracts it."""
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Feature selected products"), permissions=["change"])
    def feature(self, request, queryset):
        count = products_set_featured(products=queryset, featured=True)
        self._report(request, count, ngettext("%(count)d product featured.", "%(count)d products featured.", count))

    @admin.action(description=_("Stop featuring selected products"), permissions=["change"])
    def unfeature(self, request, queryset):
        count = products_set_featured(products=queryset, featured=False)
        self._report(
            request,
            count,
            ngettext("%(count)d product no longer featured.", "%(count)d products no longer featured.", count),
        )

    @admin.action(description=_("Activate selected products"), permissions=["change"])
    def activate(self, request, queryset):
        count = products_set_active(products=queryset, active=True)
        self._report(request, count, ngettext("%(count)d product activated.", "%(count)d products activated.", count))

    @admin.action(description=_("Deactivate selected products"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = products_set_active(products=queryset, active=False)
        self._report(
            request, count, ngettext("%(count)d product deactivated.", "%(count)d products deactivated.", count)
        )

    # --- import/export ----------------------------------------------------------------------------
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("category", "parent")
