"""Back office for vouchers: rules, usage (orders, discount given, revenue) and bulk single-use codes."""

import csv

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from hurtrock.templatetags.rupiah import format_rupiah
from orders.services.vouchers import BULK_MAX, vouchers_generate
from orders.vouchers import Voucher, VoucherUse

_COUNTED = Q(uses__released_at__isnull=True)


class VoucherUseInline(admin.TabularInline):
    model = VoucherUse
    fields = ("order", "user", "discount", "created_at", "released_at")
    readonly_fields = fields
    raw_id_fields = ("order", "user")
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order", "user")


class BulkCodesForm(forms.Form):
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=BULK_MAX, initial=50)
    prefix = forms.CharField(label=_("Prefix"), max_length=20, required=False)


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "kind",
        "value",
        "is_active",
        "starts_at",
        "ends_at",
        "usage",
        "orders_count",
        "discount_given",
        "revenue",
    )
    list_filter = ("kind", "is_active")
    search_fields = ("code", "description")
    filter_horizontal = ("categories", "products")
    readonly_fields = ("times_used", "created_at")
    inlines = (VoucherUseInline,)
    list_per_page = 50
    actions = ["export_codes_csv"]
    fieldsets = (
        (None, {"fields": ("code", "description", "is_active")}),
        (_("Discount"), {"fields": ("kind", "value", "max_discount", "min_subtotal")}),
        (_("Eligible products"), {"fields": ("categories", "brands", "products")}),
        (
            _("Validity and limits"),
            {"fields": ("starts_at", "ends_at", "usage_limit", "per_buyer_limit", "times_used")},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                counted_orders=Count("uses", filter=_COUNTED),
                counted_discount=Sum("uses__discount", filter=_COUNTED),
                counted_revenue=Sum("uses__order__total", filter=_COUNTED),
            )
        )

    @admin.display(description=_("used / limit"))
    def usage(self, voucher):
        return f"{voucher.times_used} / {voucher.usage_limit if voucher.usage_limit is not None else '∞'}"

    @admin.display(description=_("orders"), ordering="counted_orders")
    def orders_count(self, voucher):
        return voucher.counted_orders

    @admin.display(description=_("discount given"), ordering="counted_discount")
    def discount_given(self, voucher):
        return format_rupiah(voucher.counted_discount or 0)

    @admin.display(description=_("revenue"), ordering="counted_revenue")
    def revenue(self, voucher):
        return format_rupiah(voucher.counted_revenue or 0)

    @admin.action(description=_("Export the selected codes (CSV)"))
    def export_codes_csv(self, request, queryset):
        return _codes_csv(queryset, filename="vouchers.csv")

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/generate/",
                self.admin_site.admin_view(self.generate_view),
                name="orders_voucher_generate",
            )
        ]
        return urls + super().get_urls()

    def generate_view(self, request, pk):
        """Bulk single-use codes copying this voucher's rules; answers the CSV of the new codes."""
        if not self.has_add_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        template = get_object_or_404(Voucher, pk=pk)
        form = BulkCodesForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            created = vouchers_generate(
                template=template, count=form.cleaned_data["count"], prefix=form.cleaned_data["prefix"]
            )
            messages.success(request, _("Codes created."))
            return _codes_csv(Voucher.objects.filter(pk__in=[v.pk for v in created]), filename=f"{template.code}.csv")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": template,
            "form": form,
            "title": _("Single-use codes"),
        }
        return render(request, "admin/orders/voucher/generate.html", context)


def _codes_csv(queryset, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["code", "kind", "value", "starts_at", "ends_at", "usage_limit", "times_used", "is_active"])
    for voucher in queryset.order_by("code"):
        writer.writerow(
            [
                voucher.code,
                voucher.kind,
                voucher.value,
                voucher.starts_at.isoformat() if voucher.starts_at else "",
                voucher.ends_at.isoformat() if voucher.ends_at else "",
                voucher.usage_limit if voucher.usage_limit is not None else "",
                voucher.times_used,
                voucher.is_active,
            ]
        )
    return response
