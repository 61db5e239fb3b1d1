"""Payments: read-only history (events, refunds, proofs inline) plus the staff actions: refund (with
the `payments.refund_payment` permission), ask the gateway now, decide a Midtrans review."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hurtrock.templatetags.rupiah import format_rupiah
from payments.admin.base import ReadOnlyAdmin, ReadOnlyInline
from payments.errors import GatewayError, PaymentError
from payments.forms import RefundForm
from payments.models import Payment, PaymentEvent, Refund, TransferProof
from payments.services import payment_refresh, payment_refund
from payments.services.reconcile import payment_review_decide


class PaymentEventInline(ReadOnlyInline):
    model = PaymentEvent
    fields = ("created_at", "from_status", "to_status", "user", "note")
    readonly_fields = fields
    verbose_name_plural = _("History")


class RefundInline(ReadOnlyInline):
    model = Refund
    fields = ("created_at", "amount", "kind", "status", "provider_reference", "reason", "user", "failure_message")
    readonly_fields = fields


class TransferProofInline(ReadOnlyInline):
    model = TransferProof
    fields = ("uploaded_at", "status", "sender_name", "proof_link", "rejection_reason", "decided_by")
    readonly_fields = fields

    @admin.display(description=_("proof"))
    def proof_link(self, proof):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:payments_transferproof_change", args=[proof.pk]), gettext("open")
        )


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    change_form_template = "admin/payments/payment/change_form.html"
    list_display = (
        "order_link",
        "attempt",
        "provider",
        "status",
        "amount_display",
        "refunded_display",
        "is_flagged",
        "created_at",
    )
    list_filter = ("provider", "status", "is_flagged", "created_at")
    search_fields = ("order__number", "provider_reference", "order__email")
    list_select_related = ("order",)
    list_per_page = 50
    inlines = (PaymentEventInline, RefundInline, TransferProofInline)
    actions = ["refresh_from_gateway", "review_accept", "review_deny"]
    fields = (
        "order_link",
        "attempt",
        "provider",
        "provider_reference",
        "method_detail",
        "status",
        "amount_display",
        "refunded_display",
        "currency",
        "is_flagged",
        "flag_reason",
        "created_at",
        "expires_at",
        "paid_at",
        "last_checked_at",
        "redirect_url",
        "last_response",
    )
    readonly_fields = fields

    @admin.display(description=_("order"), ordering="order__number")
    def order_link(self, payment):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:orders_order_change", args=[payment.order_id]), payment.order.number
        )

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, payment):
        return format_rupiah(payment.amount)

    @admin.display(description=_("refunded"))
    def refunded_display(self, payment):
        return format_rupiah(payment.refunded_amount)

    @admin.action(description=_("Ask the gateway for the status now"), permissions=["view"])
    def refresh_from_gateway(self, request, queryset):
        for payment in queryset.select_related("order"):
            try:
                outcome = payment_refresh(payment=payment)
            except GatewayError as error:
                self.message_user(request, f"{payment}: {error.message}", level=messages.ERROR)
                continue
            self.message_user(request, f"{payment}: {outcome.detail if outcome else gettext('nothing to ask')}")

    def has_review_permission(self, request):
        return request.user.has_perm("payments.review_payment")

    def _review(self, request, queryset, *, approve: bool):
        for payment in queryset.select_related("order"):
            try:
                outcome = payment_review_decide(payment=payment, approve=approve, user=request.user)
            except GatewayError as error:
                self.message_user(request, f"{payment}: {error.message}", level=messages.ERROR)
                continue
            self.message_user(request, f"{payment}: {outcome.detail if outcome else ''}")

    @admin.action(description=_("Accept the payments on hold for review (Midtrans)"), permissions=["review"])
    def review_accept(self, request, queryset):
        self._review(request, queryset, approve=True)

    @admin.action(description=_("Deny the payments on hold for review (Midtrans)"), permissions=["review"])
    def review_deny(self, request, queryset):
        self._review(request, queryset, approve=False)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [path("<int:pk>/refund/", wrap(self.refund_view), name="payments_payment_refund"), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["can_refund"] = request.user.has_perm("payments.refund_payment") and obj.refundable_amount > 0
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def refund_view(self, request, pk: int):
        payment = get_object_or_404(Payment.objects.select_related("order"), pk=pk)
        if not request.user.has_perm("payments.refund_payment"):
            raise PermissionDenied
        form = RefundForm(request.POST or None, initial={"amount": payment.refundable_amount})
        if request.method == "POST" and form.is_valid():
            try:
                refund = payment_refund(
                    payment=payment,
                    amount=form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    manual_reference=form.cleaned_data["manual_reference"],
                )
            except PaymentError as error:
                self.message_user(request, error.message, level=messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("Refunded %(amount)s (%(kind)s).")
                    % {"amount": format_rupiah(refund.amount), "kind": refund.get_kind_display()},
                )
                return redirect(reverse("admin:payments_payment_change", args=[payment.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "payment": payment,
            "form": form,
            "title": gettext("Refund payment of order %(number)s") % {"number": payment.order.number},
        }
        return TemplateResponse(request, "admin/payments/payment/refund.html", context)
