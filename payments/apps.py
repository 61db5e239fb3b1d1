from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payment gateways (Stripe, Midtrans) and bank transfer, their configuration and notifications."""

    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from orders.models import PaymentMethod
        from orders.selectors import PAYMENT_METHOD_CHECKS
        from payments import checks  # noqa: F401  (registers system checks)
        from payments.models import Provider
        from payments.selectors import gateway_is_available

        # The hook the orders app leaves: a gateway is offered only when configured and active.
        PAYMENT_METHOD_CHECKS[PaymentMethod.STRIPE] = lambda: gateway_is_available(Provider.STRIPE)
        PAYMENT_METHOD_CHECKS[PaymentMethod.MIDTRANS] = lambda: gateway_is_available(Provider.MIDTRANS)
