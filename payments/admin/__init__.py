"""Back office for payments. The configuration (keys) is for admins only, whatever permissions a staff
account holds; everything else is read-only history plus the actions staff take: decide a proof of
transfer, refund (with the `payments.refund_payment` permission), ask the gateway now.

Split by responsibility; importing the submodules here registers every model admin, and every name the
former single module defined stays importable from `payments.admin`."""

from payments.admin.base import ReadOnlyAdmin, ReadOnlyInline, _admins_only
from payments.admin.configuration import PaymentConfigurationAdmin
from payments.admin.payment import PaymentAdmin, PaymentEventInline, RefundInline, TransferProofInline
from payments.admin.proofs import TransferProofAdmin
from payments.admin.records import GatewayNotificationAdmin, MidtransTransactionAdmin, RefundAdmin

__all__ = [
    "GatewayNotificationAdmin",
    "MidtransTransactionAdmin",
    "PaymentAdmin",
    "PaymentConfigurationAdmin",
    "PaymentEventInline",
    "ReadOnlyAdmin",
    "ReadOnlyInline",
    "RefundAdmin",
    "RefundInline",
    "TransferProofAdmin",
    "TransferProofInline",
    "_admins_only",
]
