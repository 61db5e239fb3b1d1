"""Restock orders: inline lines while pending, status actions, the receive form and the PO PDF."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inventory.documents import purchase_order_pdf
from inventory.errors import InventoryError
from inventory.forms import RestockReceiveForm
from inventory.models import RESTOCK_TRANSITIONS, RestockOrder, RestockOrderLine, RestockReceipt
from inventory.selectors import restock_orders_with_totals
from inventory.services import (
    restock_cost_suggestions,
    restock_order_cancel,
    restock_order_mark_ordered,
    restock_receive,
)

Status = RestockOrder.Status


def _is_pending(obj) -> bool:
    return obj is None or obj.status == Status.PENDING


class RestockOrderLineInline(admin.TabularInline):
    model = RestockOrderLine
    extra = 1
    raw_id_fields = ("product",)
    fields = ("product", "quantity_ordered", "quantity_received", "unit_cost", "subtotal")
    readonly_fields = ("quantity_received", "subtotal")

    @admin.display(description=gettext_lazy("subtotal"))
    def subtotal(self, obj):
        from hurtrock.templatetags.rupiah import format_rupiah

        return format_rupiah(obj.line_total) if obj.pk else "—"

    # Lines are the order's content: fixed once it was sent to the supplier.
    def has_add_permission(self, request, obj=None):
        return _is_pending(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _is_pending(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_pending(obj) and super().has_delete_permission(request, obj)


class RestockReceiptInline(admin.TabularInline):
    model = RestockReceipt
    extra = 0
    fields = ("created_at", "user", "quantities")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RestockOrder)
class RestockOrderAdmin(admin.ModelAdmin):
    list_display = ("number_display", "supplier", "status", "expected_date", "total_display", "created_at")
    list_filter = ("status", "supplier")
    search_fields = ("=id", "supplier__name", "supplier__company", "notes", "lines__product__sku")
    date_hierarchy = "created_at"
    inlines = [RestockOrderLineInline, RestockReceiptInline]
    readonly_fields = (
        "status",
        "total_display",
        "created_by",
        "created_at",
        "ordered_at",
        "received_at",
        "cancelled_at",
        "documents",
    )
    fields = ("supplier", "status", "expected_date", "notes", "total_display", "documents") + readonly_fields[2:-1]
    actions = ["mark_ordered", "cancel"]
    change_form_template = "inventory/admin/restockorder_change_form.html"

    def get_queryset(self, request):
        return restock_orders_with_totals()

    def get_readonly_fields(self, request, obj=None):
        if _is_pending(obj):
            return self.readonly_fields
        return ("supplier", "expected_date", *self.readonly_fields)

    @admin.display(description=gettext_lazy("number"), ordering="id")
    def number_display(self, obj):
        return obj.number

    @admin.display(description=gettext_lazy("total cost"), ordering="total_cost_sum")
    def total_display(self, obj):
        from hurtrock.templatetags.rupiah import format_rupiah

        total = getattr(obj, "total_cost_sum", None)
        return format_rupiah(total if total is not None else obj.total_cost)

    @admin.display(description=gettext_lazy("documents"))
    def documents(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:inventory_restockorder_pdf", args=[obj.pk]), _("Purchase order (PDF)")
        )

    def has_delete_permission(self, request, obj=None):
        # Only a draft can disappear: an order that was sent or received is part of the stock history.
        return _is_pending(obj) and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset.filter(status=Status.PENDING))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A line left at Rp 0 starts at this supplier's price, else the preferred supplier's, else the
        # product's last restock cost, else its average cost (restock_cost_suggestions).
        if formset.model is RestockOrderLine:
            lines = [f.instance for f in formset.forms if f.has_changed() and f.instance.product_id]
            suggested = restock_cost_suggestions(
                product_ids={line.product_id for line in lines}, supplier_id=form.instance.supplier_id
            )
            for line in lines:
                if not line.unit_cost:
                    line.unit_cost = suggested.get(line.product_id, 0)
        super().save_formset(request, form, formset, change)

    # --- status actions -------------------------------------------------------------------------
    def _transition_many(self, request, queryset, service, done_message):
        done, refused = 0, []
        for order in queryset:
            try:
                service(order=order, user=request.user)
                done += 1
            except InventoryError as exc:
                refused.append(f"{order.number}: {exc}")
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        for text in refused:
            self.message_user(request, text, messages.WARNING)

    @admin.action(description=gettext_lazy("Mark as ordered (sent to the supplier)"), permissions=["change"])
    def mark_ordered(self, request, queryset):
        self._transition_many(request, queryset, restock_order_mark_ordered, _("%(count)d order(s) marked as ordered."))

    @admin.action(description=gettext_lazy("Cancel"), permissions=["change"])
    def cancel(self, request, queryset):
        self._transition_many(request, queryset, restock_order_cancel, _("%(count)d order(s) cancelled."))

    # --- extra views: status buttons, receive, PDF ------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/status/", view(self.status_view), name="inventory_restockorder_status"),
            path("<int:pk>/receive/", view(self.receive_view), name="inventory_restockorder_receive"),
            path("<int:pk>/pdf/", view(self.pdf_view), name="inventory_restockorder_pdf"),
            *super().get_urls(),
        ]

    def _order(self, request, pk, permission) -> RestockOrder:
        order = self.get_queryset(request).filter(pk=pk).first()
        if order is None:
            raise Http404
        if not permission(request, order):
            raise PermissionDenied
        return order

    def _change_url(self, order):
        return reverse("admin:inventory_restockorder_change", args=[order.pk])

    def status_view(self, request, pk):
        if request.method != "POST":
            return redirect(reverse("admin:inventory_restockorder_change", args=[pk]))
        order = self._order(request, pk, self.has_change_permission)
        service = {Status.ORDERED: restock_order_mark_ordered, Status.CANCELLED: restock_order_cancel}.get(
            request.POST.get("to")
        )
        if service is None:
            self.message_user(request, _("Unknown status."), messages.ERROR)
        else:
            try:
                service(order=order, user=request.user)
                self.message_user(request, _("%(order)s updated.") % {"order": order.number}, messages.SUCCESS)
            except InventoryError as exc:
                self.message_user(request, str(exc), messages.ERROR)
        return redirect(self._change_url(order))

    def receive_view(self, request, pk):
        """Staff count what arrived, per line; submitting twice adds stock once (receipt key)."""
        order = self._order(request, pk, self.has_change_permission)
        if order.status != Status.ORDERED:
            self.message_user(request, _("Only an ordered restock order can be received."), messages.WARNING)
            return redirect(self._change_url(order))
        form = RestockReceiveForm(request.POST or None, order=order)
        if request.method == "POST" and form.is_valid():
            try:
                receipt = restock_receive(
                    order=order, quantities=form.quantities(), key=form.cleaned_data["key"], user=request.user
                )
            except InventoryError as exc:
                form.add_error(None, str(exc))
            else:
                units = sum(receipt.quantities.values())
                self.message_user(
                    request,
                    _("%(units)d unit(s) received into stock for %(order)s.") % {"units": units, "order": order.number},
                    messages.SUCCESS,
                )
                return redirect(self._change_url(order))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": order,
            "title": _("Receive goods for %(order)s") % {"order": order.number},
            "form": form,
        }
        return TemplateResponse(request, "inventory/admin/restock_receive.html", context)

    def pdf_view(self, request, pk):
        order = self._order(request, pk, self.has_view_permission)
        response = HttpResponse(purchase_order_pdf(order=order), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{order.number}.pdf"'
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            allowed = RESTOCK_TRANSITIONS[obj.status]
            context.update(
                {
                    "can_change_status": self.has_change_permission(request, obj),
                    "can_order": Status.ORDERED in allowed,
                    "can_cancel": Status.CANCELLED in allowed,
                    "can_receive": obj.status == Status.ORDERED,
                    "status_url": reverse("admin:inventory_restockorder_status", args=[obj.pk]),
                    "receive_url": reverse("admin:inventory_restockorder_receive", args=[obj.pk]),
                    "pdf_url": reverse("admin:inventory_restockorder_pdf", args=[obj.pk]),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
