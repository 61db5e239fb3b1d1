"""Back office for payments. The configuration (keys) is for admins only, whatever permissions a staff
account holds; everything else is read-only history plus the actions staff take: decide a proof of
transfer, refund (with the `payments.refund_payment` permission), ask the gateway now."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from hurtrock.templatetags.rupiah import format_rupiah
from payments.crypto import SecretUnreadable, secret_decrypt, secret_fingerprint
from payments.errors import GatewayError, PaymentError
from payments.forms import PaymentConfigurationForm, ProofAcceptForm, ProofRejectForm, RefundForm
from payments.models import (
    GatewayNotification,
    MidtransTransaction,
    Payment,
    PaymentConfiguration,
    PaymentEvent,
    ProofStatus,
    Provider,
    Refund,
    TransferProof,
)
from payments.selectors import gateway_credentials
from payments.services import payment_refresh, payment_refund, transfer_proof_accept, transfer_proof_reject
from payments.services.configuration import configuration_check_keys, configuration_set_secrets
from payments.services.reconcile import payment_review_decide


def _admins_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PaymentConfiguration)
class PaymentConfigurationAdmin(admin.ModelAdmin):
    form = PaymentConfigurationForm
    list_display = ("provider", "is_active", "is_sandbox", "key_source", "keys_check_ok", "keys_checked_at")
    readonly_fields = ("stored_secrets", "key_source", "urls_to_register", "keys_check")
    actions = ["check_keys"]
    fieldsets = (
        (None, {"fields": ("provider", "is_active", "is_sandbox")}),
        (
            _("Keys"),
            {
                "fields": (
                    "public_key",
                    "merchant_id",
                    "secret_key",
                    "webhook_secret",
                    "clear_secrets",
                    "stored_secrets",
                    "key_source",
                )
            },
        ),
        (_("Midtrans channels"), {"fields": ("enabled_payments",)}),
        (_("Register at the gateway"), {"fields": ("urls_to_register", "keys_check")}),
    )

    # Payment keys: admins only, never staff, even with model permissions granted by hand.
    def has_module_permission(self, request):
        return _admins_only(request)

    def has_view_permission(self, request, obj=None):
        return _admins_only(request)

    def has_add_permission(self, request):
        return _admins_only(request)

    def has_change_permission(self, request, obj=None):
        return _admins_only(request)

    def has_delete_permission(self, request, obj=None):
        return _admins_only(request)

    @method_decorator(sensitive_post_parameters("secret_key", "webhook_secret"))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if data.get("clear_secrets"):
            secret, webhook = "", ""
        else:
            secret = data.get("secret_key") or None
            webhook = data.get("webhook_secret") or None
        configuration_set_secrets(config=obj, secret_key=secret, webhook_secret=webhook, user=request.user)

    @admin.display(description=_("stored secrets"))
    def stored_secrets(self, config):
        parts = []
        for label, token in (
            (gettext("secret key"), config.secret_key_encrypted),
            (gettext("webhook secret"), config.webhook_secret_encrypted),
        ):
            if not token:
                parts.append(gettext("%(label)s: not stored") % {"label": label})
                continue
            try:
                fingerprint = secret_fingerprint(secret_decrypt(token))
            except SecretUnreadable:
                fingerprint = gettext("unreadable — enter it again")
            parts.append(gettext("%(label)s: stored (fingerprint %(fp)s)") % {"label": label, "fp": fingerprint})
        return " · ".join(parts)

    @admin.display(description=_("keys used"))
    def key_source(self, config):
        if config.pk is None:
            return "—"
        credentials = gateway_credentials(config.provider, config=config)
        if credentials.key_source == "environment":
            return gettext("environment variables (they take precedence over the keys stored here)")
        return gettext("stored here") if credentials.secret_key else gettext("none")

    @admin.display(description=_("URLs"))
    def urls_to_register(self, config):
        from django.conf import settings

        site = settings.SITE_URL.rstrip("/")
        if config.provider == Provider.STRIPE:
            rows = [(gettext("Webhook endpoint"), reverse("payments:stripe_webhook"))]
        else:
            rows = [
                (gettext("Payment notification URL"), reverse("payments:midtrans_notification")),
                (gettext("Finish redirect URL"), reverse("payments:midtrans_finish")),
                (gettext("Unfinish redirect URL"), reverse("payments:midtrans_unfinish")),
                (gettext("Error redirect URL"), reverse("payments:midtrans_error")),
            ]
        items = format_html_join("", "<li>{}: <code>{}</code></li>", ((label, site + url) for label, url in rows))
        return format_html("<ul>{}</ul>", items)

    @admin.display(description=_("last key check"))
    def keys_check(self, config):
        if not config.keys_checked_at:
            return gettext("never")
        verdict = gettext("works") if config.keys_check_ok else gettext("failed")
        return f"{verdict}: {config.keys_check_message}"

    @admin.action(description=_("Check keys with the gateway"))
    def check_keys(self, request, queryset):
        for config in queryset:
            ok, message = configuration_check_keys(config=config)
            self.message_user(request, f"{config}: {message}", level=messages.SUCCESS if ok else messages.ERROR)


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


@admin.register(GatewayNotification)
class GatewayNotificationAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "provider", "event_type", "is_verified", "outcome", "payment")
    list_filter = ("provider", "outcome", "is_verified", "received_at")
    search_fields = ("event_id", "payment__order__number", "raw_body")
    list_select_related = ("payment__order",)
    fields = (
        "received_at",
        "provider",
        "event_id",
        "event_type",
        "is_verified",
        "outcome",
        "detail",
        "payment",
        "remote_addr",
        "headers",
        "raw_body",
    )
    readonly_fields = fields


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "payment", "amount_display", "kind", "status", "user")
    list_filter = ("kind", "status", "created_at")
    search_fields = ("payment__order__number", "provider_reference", "reason")
    list_select_related = ("payment__order", "user")

    @admin.display(description=_("amount"), ordering="amount")
    def amount_display(self, refund):
        return format_rupiah(refund.amount)


@admin.register(MidtransTransaction)
class MidtransTransactionAdmin(ReadOnlyAdmin):
    list_display = (
        "payment",
        "transaction_id",
        "payment_type",
        "transaction_status",
        "fraud_status",
        "settlement_time",
    )
    list_filter = ("transaction_status", "payment_type")
    search_fields = ("transaction_id", "payment__provider_reference", "order__number")
    list_select_related = ("payment__order",)
