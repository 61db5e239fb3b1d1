"""Fixtures of the orders tests: a shop with a courier and a bank account, a signed-in buyer with a
complete profile (a module may define its own of either name)."""

import pytest

from hurtrock.testing.factories import CompleteProfileUserFactory
from orders.tests.factories import bank_account_configure, courier_setup


@pytest.fixture
def shop():
    destination, service = courier_setup()
    bank_account_configure()
    return destination, service


@pytest.fixture
def buyer(client):
    user = CompleteProfileUserFactory()
    client.force_login(user)
    return user
