"""Every state change of the payments app, split by responsibility."""

from payments.services.bank_transfer import transfer_proof_accept, transfer_proof_reject, transfer_proof_submit
from payments.services.confirmation import ApplyOutcome, payment_apply_result
from payments.services.reconcile import payment_refresh, payments_reconcile
from payments.services.refunds import payment_refund
from payments.services.returns import return_refund
from payments.services.start import payment_start

__all__ = [
    "ApplyOutcome",
    "payment_apply_result",
    "payment_refresh",
    "payment_refund",
    "payment_start",
    "payments_reconcile",
    "return_refund",
    "transfer_proof_accept",
    "transfer_proof_reject",
    "transfer_proof_submit",
]
