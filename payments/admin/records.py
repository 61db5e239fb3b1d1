"""Read-only records: gateway notifications, refunds, Midtrans transactions."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hurtrock.templatetags.rupiah import format_rupiah
from payments.admin.base import ReadOnlyAdmin
from payments.models import GatewayNotification, MidtransTransaction, Refund


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
