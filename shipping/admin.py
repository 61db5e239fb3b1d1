"""Back office for shipping: courier services (tariffs) and destinations (distances)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hurtrock.templatetags.rupiah import format_rupiah
from shipping.models import Destination, ShippingService


@admin.register(ShippingService)
class ShippingServiceAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "name",
        "base_price_display",
        "price_per_kg_display",
        "price_per_km",
        "volumetric_divisor",
        "rounding_tolerance_grams",
        "min_days",
        "max_days",
        "is_active",
    )
    list_display_links = ("__str__",)
    list_editable = ("is_active",)
    list_filter = ("courier", "is_active")
    search_fields = ("name", "code")
    ordering = ("sort_order", "courier", "code")

    @admin.display(description=_("base price"), ordering="base_price")
    def base_price_display(self, obj):
        return format_rupiah(obj.base_price)

    @admin.display(description=_("per kg"), ordering="price_per_kg")
    def price_per_kg_display(self, obj):
        return format_rupiah(obj.price_per_kg)


@admin.register(Destination)
class DestinationAdmin(admin.ModelAdmin):
    list_display = ("city", "province", "distance_km", "is_capital", "is_active")
    list_editable = ("distance_km", "is_active")
    list_filter = ("is_active", "is_capital", "province")
    search_fields = ("city", "province")
    list_per_page = 120
