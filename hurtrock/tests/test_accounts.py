"""Signup, e-mail confirmation, login, profile; inactive users, rate limits and safe redirects."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from hurtrock.models import User
from hurtrock.roles import Role
from hurtrock.testing.factories import PASSWORD, CompleteProfileUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def _verified(user):
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def test_signup_confirm_email_login_and_edit_profile(client):
    # Given a visitor who signs up
    response = client.post(
        reverse("account_signup"),
        {"email": "Rina@Example.com", "name": "Rina Marlina", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="rina@example.com")
    assert user.role == Role.BUYER and user.name == "Rina Marlina" and not user.is_staff

    # Then an e-mail with a confirmation link arrives, and login waits for it
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)
    client.logout()
    blocked = client.post(reverse("account_login"), {"login": "rina@example.com", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert blocked.status_code == 302 and "confirm-email" in blocked["Location"]

    # When the link is opened and confirmed
    assert client.get(link).status_code == 200
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    # Then the buyer can sign in and edit the profile
    client.logout()
    login = client.post(reverse("account_login"), {"login": "rina@example.com", "password": PASSWORD})
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    saved = client.post(
        reverse("profile"),
        {
            "name": "Rina M.",
            "phone": "0812-3456-7890",
            "street": "Jl. Setiabudi 10",
            "city": "Kota Bandung",
            "province": "Jawa Barat",
            "postal_code": "40154",
        },
    )
    assert saved.status_code == 302
    user.refresh_from_db()
    assert user.name == "Rina M." and user.city == "Kota Bandung" and user.is_profile_complete


def test_profile_requires_every_delivery_field(client):
    user = _verified(UserFactory())
    client.force_login(user)

    response = client.post(reverse("profile"), {"name": "X", "phone": "", "street": "", "city": "", "province": ""})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"phone", "street", "city", "province", "postal_code"}
    user.refresh_from_db()
    assert user.name != "X"


def test_profile_redirects_back_to_a_safe_next_only(client):
    user = _verified(CompleteProfileUserFactory())
    client.force_login(user)
    data = {f: getattr(user, f) for f in ("name", "phone", "street", "city", "province", "postal_code")}

    inside = client.post(reverse("profile") + "?next=/checkout/", data)
    outside = client.post(reverse("profile") + "?next=https://evil.example/steal", data)

    assert inside["Location"] == "/checkout/"
    assert outside["Location"] == reverse("profile")


def test_inactive_user_cannot_sign_in(client):
    user = _verified(UserFactory(is_active=False))

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_login_rate_limit_triggers_after_repeated_failures(client):
    user = _verified(UserFactory())
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
        assert response.status_code == 200  # form error: wrong password

    # Even the right password is refused now, with a message saying why
    limited = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert "too_many_login_attempts" in [e.code for e in limited.context["form"].non_field_errors().as_data()]


def test_login_refuses_off_site_next(client):
    user = _verified(UserFactory())

    response = client.post(
        reverse("account_login") + "?next=https://evil.example/",
        {"login": user.email, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_follows_on_site_next(client):
    user = _verified(UserFactory())

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD, "next": "/contact/"})

    assert response["Location"] == "/contact/"


def test_email_login_is_case_insensitive(client):
    user = _verified(UserFactory(email="metal@example.com"))

    client.post(reverse("account_login"), {"login": "METAL@example.com", "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_by_email(client):
    user = _verified(UserFactory(email="lupa@example.com"))

    client.post(reverse("account_reset_password"), {"email": "lupa@example.com"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "Baru-Sekali-2026!", "password2": "Baru-Sekali-2026!"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Baru-Sekali-2026!")
