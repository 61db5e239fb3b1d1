"""The stock ledger in the admin: read-only rows, and 'add' is a manual adjustment through the service."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Product
from inventory.errors import InventoryError
from inventory.forms import StockAdjustmentForm
from inventory.models import StockMovement
from inventory.services import stock_adjust


@admin.register(StockMovement)
class StockMovementAdmin(admin.ModelAdmin):
    list_display = ("created_at", "product", "signed_quantity", "reason", "reference", "user", "note")
    list_filter = ("reason", "created_at")
    search_fields = ("product__name", "product__sku", "reference", "note")
    list_select_related = ("product", "user")
    date_hierarchy = "created_at"
    readonly_fields = ("product", "quantity", "reason", "reference", "note", "user", "created_at")
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description=_("quantity"), ordering="quantity")
    def signed_quantity(self, obj):
        return f"{obj.quantity:+d}"

    # The ledger is append-only: nobody edits or deletes a row, not even an admin.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """A manual adjustment: product, signed change, reason and a required note → stock_adjust."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        initial = {}
        if product_id := request.GET.get("product", "").strip():
            if product_id.isdigit():
                initial["product"] = product_id
        form = StockAdjustmentForm(request.POST or None, initial=initial)
        form.fields["product"].widget = ForeignKeyRawIdWidget(
            StockMovement._meta.get_field("product").remote_field, self.admin_site
        )
        if request.method == "POST" and form.is_valid():
            try:
                movement = stock_adjust(
                    product=form.cleaned_data["product"],
                    quantity=form.cleaned_data["quantity"],
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except InventoryError as exc:
                form.add_error("quantity", str(exc))
            else:
                self.log_addition(request, movement, [{"added": {}}])
                self.message_user(
                    request,
                    _("Stock of %(product)s changed by %(qty)+d; it is now %(stock)d.")
                    % {
                        "product": movement.product.name,
                        "qty": movement.quantity,
                        "stock": form.cleaned_data["product"].stock_quantity,
                    },
                    messages.SUCCESS,
                )
                url = reverse("admin:inventory_stockmovement_changelist")
                return redirect(f"{url}?{urlencode({'q': movement.product.sku})}")
        product = None
        if initial.get("product"):
            product = Product.objects.filter(pk=initial["product"]).only("pk", "name", "sku", "stock_quantity").first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Adjust stock"),
            "form": form,
            "product": product,
            "media": self.media + form.media,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "inventory/admin/stock_adjust.html", context)
