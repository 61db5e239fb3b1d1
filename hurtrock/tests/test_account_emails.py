"""allauth's e-mails greet in the store's name (from the store profile), not the request's host."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from hurtrock.models import StoreProfile
from hurtrock.selectors import STORE_DEFAULTS, store_profile_cache_clear
from hurtrock.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_mail_names_the_store_not_the_host(client):
    StoreProfile.objects.update_or_create(pk=1, defaults={**STORE_DEFAULTS, "name": "Hurtrock Musik Bandung"})
    store_profile_cache_clear()
    user = UserFactory(email="lupa@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="127.0.0.1:8100")

    message = mail.outbox[0]
    assert "Hurtrock Musik Bandung" in message.body
    assert "127.0.0.1:8100!" not in message.body
    assert message.subject.startswith("[Hurtrock Musik Bandung] ")
