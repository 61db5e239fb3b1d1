"""Proofs of bank transfer: staff look at the proof and accept or reject it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hurtrock.templatetags.rupiah import format_rupiah
from payments.errors import PaymentError
from payments.forms import ProofAcceptForm, ProofRejectForm
from payments.models import ProofStatus, TransferProof
from payments.services import transfer_proof_accept, transfer_proof_reject


@admin.register(TransferProof)
class TransferProofAdmin(admin.ModelAdmin):
    change_form_template = "admin/payments/transferproof/change_form.html"
    list_display = ("order_number", "uploaded_at", "status", "sender_name", "amount_display", "uploaded_by")
    list_filter = ("status", "uploaded_at")
    search_fields = ("payment__order__number", "sender_name", "uploaded_by__email")
    list_select_related = ("payment__order", "uploaded_by")
    fields = (
        "order_number",
        "amount_display",
        "uploaded_by",
        "uploaded_at",
        "sender_name",
        "status",
        "rejection_reason",
        "decided_by",
        "decided_at",
        "preview",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("order"), ordering="payment__order__number")
    def order_number(self, proof):
        order = proof.payment.order
        return format_html('<a href="{}">{}</a>', reverse("admin:orders_order_change", args=[order.pk]), order.number)

    @admin.display(description=_("amount due"))
    def amount_display(self, proof):
        return format_rupiah(proof.payment.amount)

    @admin.display(description=_("proof"))
    def preview(self, proof):
        url = reverse("payments:transfer_proof_image", args=[proof.pk])
        return format_html(
            '<a href="{0}"><img src="{0}" alt="{1}" style="max-width:100%;max-height:600px"></a>',
            url,
            gettext("Proof of transfer"),
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/decide/", wrap(self.decide_view), name="payments_transferproof_decide"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                {
                    "can_decide": obj.status == ProofStatus.SUBMITTED and self.has_change_permission(request, obj),
                    "accept_form": ProofAcceptForm(initial={"amount_received": obj.payment.amount}),
                    "reject_form": ProofRejectForm(),
                    "show_save": False,
                    "show_save_and_continue": False,
                    "show_save_and_add_another": False,
                    "show_delete": False,
                }
            )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def decide_view(self, request, pk: int):
        proof = get_object_or_404(TransferProof.objects.select_related("payment__order"), pk=pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, proof):
            raise PermissionDenied
        try:
            if request.POST.get("decision") == "accept":
                form = ProofAcceptForm(request.POST)
                if not form.is_valid():
                    raise PaymentError(gettext("Enter the amount that arrived."))
                transfer_proof_accept(
                    proof=proof, user=request.user, amount_received=form.cleaned_data["amount_received"]
                )
                self.message_user(
                    request,
                    gettext("Payment confirmed; order %(number)s is paid.") % {"number": proof.payment.order.number},
                )
            else:
                form = ProofRejectForm(request.POST)
                if not form.is_valid():
                    raise PaymentError(gettext("Tell the buyer why the proof is rejected."))
                transfer_proof_reject(proof=proof, user=request.user, reason=form.cleaned_data["reason"])
                self.message_user(request, gettext("Proof rejected; the buyer sees your reason."))
        except PaymentError as error:
            self.message_user(request, error.message, level=messages.ERROR)
        return redirect(reverse("admin:payments_transferproof_change", args=[proof.pk]))
