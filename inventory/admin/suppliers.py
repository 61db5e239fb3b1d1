from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from inventory.models import Supplier


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ("name", "company", "contact_person", "phone", "email", "product_count", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "company", "contact_person", "email", "phone")
    fieldsets = (
        (None, {"fields": ("name", "company", "is_active")}),
        (_("Contact"), {"fields": ("contact_person", "email", "phone", "address")}),
        (_("Notes"), {"fields": ("notes",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_total=Count("supplier_products"))

    @admin.display(description=_("products"), ordering="product_total")
    def product_count(self, obj):
        return obj.product_total
