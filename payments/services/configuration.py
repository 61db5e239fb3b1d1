"""Admins' changes to the gateway configuration: write-only keys, the "check keys" call, key rotation."""

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from payments.crypto import secret_encrypt, secret_rotate
from payments.gateways import midtrans_api, stripe_api
from payments.models import PaymentConfiguration, Provider
from payments.selectors import gateway_credentials


@sensitive_variables("secret_key", "webhook_secret")
def configuration_set_secrets(
    *, config: PaymentConfiguration, secret_key: str | None = None, webhook_secret: str | None = None, user=None
) -> PaymentConfiguration:
    """None keeps a stored secret, "" clears it, anything else replaces it (encrypted)."""
    if secret_key is not None:
        config.secret_key_encrypted = secret_encrypt(secret_key.strip())
    if webhook_secret is not None:
        config.webhook_secret_encrypted = secret_encrypt(webhook_secret.strip())
    config.updated_by = user
    config.save()
    return config


def configuration_check_keys(*, config: PaymentConfiguration) -> tuple[bool, str]:
    """Call the gateway with the effective keys and keep the answer on the configuration."""
    credentials = gateway_credentials(config.provider, config=config)
    if config.provider == Provider.STRIPE:
        ok, message = stripe_api.keys_check(credentials=credentials)
    else:
        ok, message = midtrans_api.keys_check(credentials=credentials)
    PaymentConfiguration.objects.filter(pk=config.pk).update(
        keys_checked_at=timezone.now(), keys_check_ok=ok, keys_check_message=message[:500]
    )
    return ok, message


@transaction.atomic
def configuration_rotate_keys() -> int:
    """Re-encrypt every stored secret with the newest PAYMENTS_ENCRYPTION_KEYS entry. Returns rows."""
    count = 0
    for config in PaymentConfiguration.objects.select_for_update():
        config.secret_key_encrypted = secret_rotate(config.secret_key_encrypted)
        config.webhook_secret_encrypted = secret_rotate(config.webhook_secret_encrypted)
        config.save(update_fields=["secret_key_encrypted", "webhook_secret_encrypted", "updated_at"])
        count += 1
    return count
