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

        # Money being checked holds the order past its deadline (staff decide the proof, or the gateway's review).
        from orders.services.expiry import EXPIRY_HOLDS
        from payments.selectors import orders_without_payment_under_review

        if orders_without_payment_under_review not in EXPIRY_HOLDS:
            EXPIRY_HOLDS.append(orders_without_payment_under_review)
