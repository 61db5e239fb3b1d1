from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payment gateways (Stripe, Midtrans) and bank transfer, their configuration and notifications."""

    name = "payments"
    verbose_name = _("Payments")
