"""System checks: production should have its own encryption keys for the stored payment keys."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def check_encryption_keys(app_configs, **kwargs):
    if not settings.PAYMENTS_ENCRYPTION_KEYS:
        return [
            Warning(
                "PAYMENTS_ENCRYPTION_KEYS is not set: payment keys stored in the admin are encrypted with a key "
                "derived from SECRET_KEY, and changing SECRET_KEY would make them unreadable.",
                hint="Set PAYMENTS_ENCRYPTION_KEYS to a key from Fernet.generate_key() (see README, Payments).",
                id="payments.W001",
            )
        ]
    return []


@register()
def check_encryption_keys_valid(app_configs, **kwargs):
    errors = []
    for index, key in enumerate(settings.PAYMENTS_ENCRYPTION_KEYS):
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(Error(f"PAYMENTS_ENCRYPTION_KEYS entry {index + 1} is not a Fernet key.", id="payments.E001"))
    return errors
