"""Fixtures of the payments tests: the fake gateways wired into settings, configured gateways."""

import pytest

from payments.crypto import secret_encrypt
from payments.models import PaymentConfiguration, Provider
from payments.testing.fakes import TEST_CLIENT_KEY, TEST_SECRET_KEY, TEST_SERVER_KEY, TEST_WEBHOOK_SECRET


@pytest.fixture
def gateways(fake_gateways, settings):
    """The session's fake gateways, emptied, with this process's SDK calls pointed at them."""
    fake_gateways.reset()
    for name, value in fake_gateways.env.items():
        setattr(settings, name, value)
    for name in (
        "STRIPE_SECRET_KEY",
        "STRIPE_PUBLISHABLE_KEY",
        "STRIPE_WEBHOOK_SECRET",
        "MIDTRANS_SERVER_KEY",
        "MIDTRANS_CLIENT_KEY",
    ):
        setattr(settings, name, "")
    settings.SITE_URL = "http://testserver"
    yield fake_gateways
    fake_gateways.reset()


def configure_stripe(**overrides) -> PaymentConfiguration:
    config, _created = PaymentConfiguration.objects.update_or_create(
        provider=Provider.STRIPE,
        defaults={
            "is_active": True,
            "is_sandbox": True,
            "public_key": "pk_test_hurtrock",
            "secret_key_encrypted": secret_encrypt(overrides.pop("secret_key", TEST_SECRET_KEY)),
            "webhook_secret_encrypted": secret_encrypt(overrides.pop("webhook_secret", TEST_WEBHOOK_SECRET)),
            **overrides,
        },
    )
    return config


def configure_midtrans(**overrides) -> PaymentConfiguration:
    config, _created = PaymentConfiguration.objects.update_or_create(
        provider=Provider.MIDTRANS,
        defaults={
            "is_active": True,
            "is_sandbox": True,
            "public_key": TEST_CLIENT_KEY,
            "merchant_id": "G123456789",
            "secret_key_encrypted": secret_encrypt(overrides.pop("secret_key", TEST_SERVER_KEY)),
            **overrides,
        },
    )
    return config


@pytest.fixture
def stripe_gateway(gateways):
    configure_stripe()
    return gateways.stripe


@pytest.fixture
def midtrans_gateway(gateways):
    configure_midtrans()
    return gateways.midtrans
