"""Back office for returns: the buyer's request read-only, and one form per step of the pipeline.

Every step calls a service (`orders.services.returns`, and `payments.services.return_refund` for
the money) and needs `orders.manage_return`; refunding also needs `payments.refund_payment`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hurtrock.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
from hurtrock.templatetags.rupiah import format_rupiah
from orders.errors import OrderError
from orders.models import ReturnDisposition, ReturnLine, ReturnPhoto, ReturnRequest, ReturnStatus
from orders.services.returns import return_approve, return_receive, return_reject

STEPS = ("approve", "reject", "restock", "write_off", "refund")


class ReturnLineInline(ReadOnlyInline):
    model = ReturnLine
    fields = ("product", "quantity", "amount_display")
    readonly_fields = fields

    @admin.display(description=_("product"))
    def product(self, line):
        return line.order_line.product_name

    @admin.display(description=_("amount"))
    def amount_display(self, line):
        return format_rupiah(line.amount)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order_line")


@admin.register(ReturnRequest)
class ReturnRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/orders/returnrequest/change_form.html"
    list_display = ("order", "status", "refund_display", "refunded_display", "disposition", "created_at")
    list_filter = ("status", "disposition")
    list_select_related = ("order",)
    search_fields = ("order__number", "order__email")
    inlines = [ReturnLineInline]
    fields = (
        "order",
        "user",
        "status",
        "reason",
        "photos_display",
        "staff_note",
        "disposition",
        "includes_shipping",
        "refund_display",
        "refunded_display",
        "created_at",
        "decided_at",
        "received_at",
        "refunded_at",
    )
    readonly_fields = fields

    @admin.display(description=_("to refund"))
    def refund_display(self, obj):
        return format_rupiah(obj.refund_amount)

    @admin.display(description=_("refunded"))
    def refunded_display(self, obj):
        return format_rupiah(obj.refunded_amount)

    @admin.display(description=_("photos"))
    def photos_display(self, obj):
        return format_html_join(
            " ",
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            (
                (reverse("admin:orders_returnrequest_photo", args=[photo.pk]), gettext("Photo %(n)s") % {"n": n})
                for n, photo in enumerate(obj.photos.all(), start=1)
            ),
        ) or format_html("{}", "—")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/step/", wrap(self.step_view), name="orders_returnrequest_step"),
            path("photo/<int:pk>/", wrap(self.photo_view), name="orders_returnrequest_photo"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        context = extra_context or {}
        if obj is not None and request.user.has_perm("orders.manage_return"):
            context["return_steps"] = {
                "decide": obj.status == ReturnStatus.REQUESTED,
                "receive": obj.status == ReturnStatus.APPROVED,
                "refund": obj.status == ReturnStatus.RECEIVED and request.user.has_perm("payments.refund_payment"),
            }
        return super().change_view(request, object_id, form_url, extra_context=context)

    def step_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("orders.manage_return"):
            raise PermissionDenied
        item = get_object_or_404(ReturnRequest, pk=pk)
        step = request.POST.get("step", "")
        note = request.POST.get("note", "")
        try:
            if step == "approve":
                return_approve(return_request=item, user=request.user, note=note)
            elif step == "reject":
                return_reject(return_request=item, user=request.user, note=note)
            elif step in ("restock", "write_off"):
                disposition = ReturnDisposition.RESTOCK if step == "restock" else ReturnDisposition.WRITE_OFF
                return_receive(return_request=item, user=request.user, disposition=disposition, note=note)
            elif step == "refund":
                if not request.user.has_perm("payments.refund_payment"):
                    raise PermissionDenied
                from payments.errors import RefundError
                from payments.services import return_refund

                try:
                    return_refund(return_request=item, user=request.user, manual_reference=note.strip())
                except RefundError as error:
                    raise OrderError(str(error))
            else:
                raise OrderError(gettext("Unknown step."))
        except OrderError as error:
            messages.error(request, error.message)
        else:
            item.refresh_from_db()
            messages.success(request, gettext("Return: %(status)s.") % {"status": item.get_status_display()})
        return redirect("admin:orders_returnrequest_change", item.pk)

    def photo_view(self, request, pk: int):
        if not request.user.has_perm("orders.view_returnrequest"):
            raise PermissionDenied
        photo = get_object_or_404(ReturnPhoto, pk=pk)
        try:
            handle = photo.image.open("rb")
        except FileNotFoundError:
            raise Http404
        return FileResponse(handle, content_type="image/webp" if photo.image.name.endswith(".webp") else "image/jpeg")
