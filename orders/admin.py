"""Back office for orders: read-only snapshots, status actions that follow the pipeline, labels.

Nothing on an order is edited by hand: every change goes through `orders.services` (which checks
the pipeline and writes the event), from the buttons on the order page or the bulk actions.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hurtrock.admin_readonly import ReadOnlyInline
from hurtrock.templatetags.rupiah import format_rupiah
from orders.errors import OrderError
from orders.forms import ShipForm, TransitionForm
from orders.models import STOCK_HOLDING_STATUSES, Order, OrderEvent, OrderLine, OrderStatus
from orders.selectors import order_shipping_label
from orders.services import order_mark_shipped, order_transition
from shipping.labels import labels_pdf


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ("product_name", "sku", "unit_price_display", "quantity", "line_total_display", "weight_grams")
    readonly_fields = fields
    verbose_name_plural = _("Items")

    @admin.display(description=_("unit price"))
    def unit_price_display(self, line):
        return format_rupiah(line.unit_price)

    @admin.display(description=_("line total"))
    def line_total_display(self, line):
        return format_rupiah(line.line_total)


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("created_at", "from_status", "to_status", "user", "note")
    readonly_fields = fields
    verbose_name_plural = _("History")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


# Bulk status actions: one per target status (shipping needs a tracking number: order page only).
BULK_TARGETS = (OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.DELIVERED, OrderStatus.CANCELLED)


def _bulk_action(to_status: str):
    label = OrderStatus(to_status).label

    def action(modeladmin, request, queryset):
        if to_status == OrderStatus.CANCELLED and request.POST.get("confirmed") != "1":
            # Like Django's "delete selected": a page that lists what will happen, then a red button.
            orders = list(queryset.order_by("pk"))
            context = {
                **modeladmin.admin_site.each_context(request),
                "opts": modeladmin.opts,
                "orders": orders,
                "paid_count": sum(1 for order in orders if order.status == OrderStatus.PAID),
                "action_name": action.__name__,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "title": gettext("Cancel %(count)d order(s)?") % {"count": len(orders)},
            }
            return TemplateResponse(request, "admin/orders/order/cancel_selected_confirm.html", context)
        done, refused = 0, []
        for order in queryset.order_by("pk"):
            try:
                order_transition(order=order, to_status=to_status, user=request.user, note=gettext("Bulk action."))
                done += 1
            except OrderError as error:
                refused.append(f"{order.number}: {error.message}")
        if done:
            modeladmin.message_user(request, gettext("%(count)d order(s) updated.") % {"count": done})
        for line in refused:
            modeladmin.message_user(request, line, level=messages.WARNING)

    action.__name__ = f"mark_{to_status}"
    # format_lazy, not "%": the label is rendered in the admin's language on every request.
    action.short_description = format_lazy(_("Mark selected as “{status}”"), status=label)
    action.allowed_permissions = ("change",)
    return action


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    change_form_template = "admin/orders/order/change_form.html"
    change_list_template = "admin/orders/order/change_list.html"
    list_display = (
        "number",
        "created_at",
        "customer",
        "status",
        "payment_method",
        "total_display",
        "shipping_courier",
        "tracking_number",
    )
    list_filter = ("status", "created_at", "payment_method", "shipping_courier", "is_refund_due")
    search_fields = ("number", "user__email", "user__name", "recipient_name", "email", "phone", "tracking_number")
    list_select_related = ("user",)
    list_per_page = 25
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    inlines = (OrderLineInline, OrderEventInline)
    actions = [*(_bulk_action(status) for status in BULK_TARGETS), "print_labels"]
    fieldsets = (
        (
            _("Order"),
            {
                "fields": (
                    "number",
                    "status",
                    "payment_method",
                    "is_refund_due",
                    "created_at",
                    "payment_due_at",
                    "paid_at",
                    "shipped_at",
                    "delivered_at",
                    "cancelled_at",
                    "language",
                )
            },
        ),
        (
            _("Customer"),
            {
                "fields": (
                    "customer_link",
                    "email",
                    "recipient_name",
                    "phone",
                    "street",
                    "city",
                    "province",
                    "postal_code",
                    "note",
                )
            },
        ),
        (
            _("Shipping"),
            {
                "fields": (
                    "shipping_courier",
                    "shipping_service_name",
                    "shipping_service_code",
                    "shipping_destination",
                    "shipping_weight_kg",
                    "total_weight_grams",
                    "shipping_days",
                    "tracking_courier",
                    "tracking_number",
                )
            },
        ),
        (
            _("Totals"),
            {
                "fields": (
                    "subtotal_display",
                    "shipping_cost_display",
                    "voucher_code",
                    "discount_display",
                    "discount_description",
                    "total_display",
                )
            },
        ),
    )

    # Orders are placed by buyers and changed by services only.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    @admin.display(description=_("customer"), ordering="user__email")
    def customer(self, order):
        return order.user.name or order.user.email

    @admin.display(description=_("customer account"))
    def customer_link(self, order):
        url = reverse("admin:hurtrock_user_change", args=[order.user_id])
        return format_html('<a href="{}">{}</a> ({})', url, order.user.email, order.user.name or "—")

    @admin.display(description=_("total"), ordering="total")
    def total_display(self, order):
        return format_rupiah(order.total)

    @admin.display(description=_("subtotal"))
    def subtotal_display(self, order):
        return format_rupiah(order.subtotal)

    @admin.display(description=_("discount"))
    def discount_display(self, order):
        return format_rupiah(order.discount)

    @admin.display(description=_("shipping cost"))
    def shipping_cost_display(self, order):
        return format_rupiah(order.shipping_cost)

    @admin.display(description=_("delivery estimate"))
    def shipping_days(self, order):
        return gettext("%(min)s–%(max)s days") % {"min": order.shipping_min_days, "max": order.shipping_max_days}

    # --- Status changes and labels from the order page -----------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/transition/", wrap(self.transition_view), name="orders_order_transition"),
            path("<int:pk>/ship/", wrap(self.ship_view), name="orders_order_ship"),
            path("<int:pk>/cancel/", wrap(self.cancel_view), name="orders_order_cancel"),
            path("<int:pk>/label.pdf", wrap(self.label_view), name="orders_order_label"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            targets = [s for s in OrderStatus if s in obj.allowed_transitions and s != OrderStatus.SHIPPED]
            context.update(
                {
                    "status_targets": targets,
                    "can_ship": obj.status in (OrderStatus.PAID, OrderStatus.PROCESSING),
                    "ship_form": ShipForm(initial={"courier": obj.shipping_courier}),
                    "can_change_status": self.has_change_permission(request, obj),
                    # Every field is read-only: changes go through the status buttons above.
                    "show_save": False,
                    "show_save_and_continue": False,
                    "show_save_and_add_another": False,
                    "show_delete": False,
                }
            )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def _change_url(self, order):
        return reverse("admin:orders_order_change", args=[order.pk])

    def transition_view(self, request, pk: int):
        order = get_object_or_404(Order, pk=pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, order):
            raise PermissionDenied
        form = TransitionForm(request.POST)
        if (
            form.is_valid()
            and form.cleaned_data["to_status"] == OrderStatus.CANCELLED
            and request.POST.get("confirmed") != "1"
        ):
            # Cancelling is destructive (stock back, refund due): always through the confirmation page.
            return redirect(reverse("admin:orders_order_cancel", args=[order.pk]))
        if form.is_valid() and form.cleaned_data["to_status"] in OrderStatus.values:
            try:
                order_transition(
                    order=order,
                    to_status=form.cleaned_data["to_status"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                    note_is_public=form.cleaned_data["note_is_public"],
                )
                self.message_user(
                    request,
                    gettext("Order %(number)s is now “%(status)s”.")
                    % {"number": order.number, "status": order.get_status_display()},
                )
            except OrderError as error:
                self.message_user(request, error.message, level=messages.ERROR)
        else:
            self.message_user(request, gettext("Unknown status."), level=messages.ERROR)
        return redirect(self._change_url(order))

    def ship_view(self, request, pk: int):
        order = get_object_or_404(Order, pk=pk)
        if not self.has_change_permission(request, order):
            raise PermissionDenied
        form = ShipForm(request.POST or None, initial={"courier": order.shipping_courier})
        if request.method == "POST" and form.is_valid():
            try:
                order_mark_shipped(
                    order=order,
                    courier=form.cleaned_data["courier"],
                    tracking_number=form.cleaned_data["tracking_number"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                    note_is_public=form.cleaned_data["note_is_public"],
                )
                self.message_user(request, gettext("Order %(number)s marked shipped.") % {"number": order.number})
                return redirect(self._change_url(order))
            except OrderError as error:
                self.message_user(request, error.message, level=messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "order": order,
            "form": form,
            "title": gettext("Ship order %(number)s") % {"number": order.number},
        }
        return TemplateResponse(request, "admin/orders/order/ship.html", context)

    def cancel_view(self, request, pk: int):
        """Step one of cancelling: say what will happen, then post to the transition view."""
        order = get_object_or_404(Order.objects.prefetch_related("lines"), pk=pk)
        if not self.has_change_permission(request, order):
            raise PermissionDenied
        if OrderStatus.CANCELLED not in order.allowed_transitions:
            self.message_user(request, gettext("This order can no longer be cancelled."), level=messages.ERROR)
            return redirect(self._change_url(order))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "order": order,
            "lines": order.lines.all(),
            "gives_stock_back": order.status in STOCK_HOLDING_STATUSES,
            "refund_due": order.status == OrderStatus.PAID,
            "title": gettext("Cancel order %(number)s?") % {"number": order.number},
        }
        return TemplateResponse(request, "admin/orders/order/cancel_confirm.html", context)

    def _labels_response(self, orders, filename: str) -> HttpResponse:
        pdf = labels_pdf((order_shipping_label(order=order) for order in orders), title=filename)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response

    def label_view(self, request, pk: int):
        order = get_object_or_404(Order.objects.prefetch_related("lines"), pk=pk)
        if not self.has_view_permission(request, order):
            raise PermissionDenied
        return self._labels_response([order], f"label-{order.number}")

    @admin.action(description=_("Print shipping labels (PDF)"), permissions=["view"])
    def print_labels(self, request, queryset):
        return self._labels_response(queryset.prefetch_related("lines").order_by("created_at", "pk"), "labels")


from orders import admin_promotions  # noqa: E402,F401 - registers the voucher admin
from orders.admin_returns import ReturnRequestAdmin  # noqa: E402,F401  (registers the returns admin)
