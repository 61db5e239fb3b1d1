"""Issue #16: the admin login goes through allauth's limiter, per IP and per account."""

import pytest
from django.urls import reverse

from hurtrock.testing.factories import PASSWORD, AdminFactory, StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def admin_login(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password, "next": "/admin/"}, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def error_codes(response) -> list[str]:
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def test_the_right_password_signs_in(client):
    staff = StaffFactory()

    response = admin_login(client, staff.email, PASSWORD)

    assert response.status_code == 302 and signed_in(client)


def test_five_wrong_passwords_lock_the_account_even_from_other_addresses(client):
    admin = AdminFactory()
    for number in range(5):
        response = admin_login(client, admin.email, "wrong-password", REMOTE_ADDR=f"10.0.0.{number + 1}")
        assert response.status_code == 200 and "invalid_login" in error_codes(response)

    locked = admin_login(client, admin.email, PASSWORD, REMOTE_ADDR="10.0.0.99")

    assert not signed_in(client)
    assert "too_many_login_attempts" in error_codes(locked)


def test_one_address_is_locked_after_five_failures_on_different_accounts(client):
    admin = AdminFactory()
    for number in range(5):
        admin_login(client, f"nobody{number}@example.com", "wrong-password", REMOTE_ADDR="10.1.1.1")

    locked = admin_login(client, admin.email, PASSWORD, REMOTE_ADDR="10.1.1.1")
    assert not signed_in(client) and "too_many_login_attempts" in error_codes(locked)

    elsewhere = admin_login(client, admin.email, PASSWORD, REMOTE_ADDR="10.1.1.2")
    assert elsewhere.status_code == 302 and signed_in(client)


def test_behind_the_proxy_each_client_address_has_its_own_budget(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    admin = AdminFactory()
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    for number in range(5):
        admin_login(client, f"nobody{number}@example.com", "x", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    locked = admin_login(client, admin.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert not signed_in(client) and "too_many_login_attempts" in error_codes(locked)

    # Another buyer behind the same load balancer is not locked out with the attacker.
    other = admin_login(client, admin.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert other.status_code == 302 and signed_in(client)


def test_a_buyer_cannot_sign_in_to_the_admin(client):
    from hurtrock.testing.factories import UserFactory

    buyer = UserFactory()

    response = admin_login(client, buyer.email, PASSWORD)

    assert response.status_code == 200 and not signed_in(client)
    assert reverse("admin:index")
