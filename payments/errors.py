"""Domain errors of the payments app; `message` is fit to show the buyer or staff member."""


class PaymentError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class GatewayError(PaymentError):
    """The gateway refused or could not be reached. `message` never contains a key."""


class RefundError(PaymentError):
    """The refund cannot be made (not paid, more than what is left, gateway refused)."""


class ProofError(PaymentError):
    """A proof of transfer cannot be uploaded or decided."""
