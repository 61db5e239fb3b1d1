"""Gateway configuration: offered only when configured, env first, encrypted at rest, admins only,
write-only in the admin, checked against the gateway, and keys never in pages, logs or error reports."""

import logging
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.urls import reverse
from django.views.debug import ExceptionReporter

from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from orders.models import PaymentMethod
from orders.selectors import payment_methods_available
from orders.tests.factories import bank_account_configure
from payments.crypto import SecretUnreadable, secret_decrypt
from payments.errors import GatewayError
from payments.gateways import midtrans_api
from payments.models import PaymentConfiguration, Provider
from payments.selectors import gateway_credentials
from payments.testing.fakes import TEST_SECRET_KEY, TEST_SERVER_KEY, TEST_WEBHOOK_SECRET
from payments.tests.conftest import configure_midtrans, configure_stripe
from payments.tests.factories import started

pytestmark = pytest.mark.django_db
CONFIG_LIST = reverse("admin:payments_paymentconfiguration_changelist")
CONFIG_ADD = reverse("admin:payments_paymentconfiguration_add")


def test_without_keys_only_bank_transfer_is_offered(gateways):
    bank_account_configure()
    assert payment_methods_available() == [PaymentMethod.BANK_TRANSFER]
    configure_stripe(is_active=False)
    configure_midtrans(secret_key="")  # active but no server key
    assert payment_methods_available() == [PaymentMethod.BANK_TRANSFER]
    configure_stripe(is_active=True)
    configure_midtrans()
    assert set(payment_methods_available()) == {
        PaymentMethod.BANK_TRANSFER,
        PaymentMethod.STRIPE,
        PaymentMethod.MIDTRANS,
    }


def test_environment_keys_take_precedence_and_an_admin_can_still_switch_the_gateway_off(gateways, settings):
    configure_midtrans(secret_key="SB-Mid-server-stored-key")
    settings.MIDTRANS_SERVER_KEY = TEST_SERVER_KEY
    credentials = gateway_credentials(Provider.MIDTRANS)
    assert credentials.secret_key == TEST_SERVER_KEY and credentials.key_source == "environment"
    assert TEST_SERVER_KEY not in repr(credentials)
    order, payment = started(PaymentMethod.MIDTRANS)  # the fake accepts only the environment key
    assert payment.redirect_url

    PaymentConfiguration.objects.filter(provider=Provider.MIDTRANS).update(is_active=False)
    assert PaymentMethod.MIDTRANS not in payment_methods_available()
    PaymentConfiguration.objects.all().delete()
    assert PaymentMethod.MIDTRANS in payment_methods_available()  # env keys and no row: on


def test_keys_are_encrypted_at_rest_and_rotate(gateways, settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.PAYMENTS_ENCRYPTION_KEYS = [old_key]
    config = configure_stripe()
    raw = PaymentConfiguration.objects.values_list("secret_key_encrypted", flat=True).get()
    assert TEST_SECRET_KEY not in raw and secret_decrypt(raw) == TEST_SECRET_KEY

    settings.PAYMENTS_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("payments_rotate_keys")
    settings.PAYMENTS_ENCRYPTION_KEYS = [new_key]  # the old key is gone: still readable
    config.refresh_from_db()
    assert secret_decrypt(config.secret_key_encrypted) == TEST_SECRET_KEY
    assert gateway_credentials(Provider.STRIPE).webhook_secret == TEST_WEBHOOK_SECRET

    settings.PAYMENTS_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]  # a wrong key
    with pytest.raises(SecretUnreadable):
        secret_decrypt(config.secret_key_encrypted)
    assert not gateway_credentials(Provider.STRIPE).is_usable  # unreadable means not offered


@pytest.mark.parametrize("who", ["anonymous", "buyer", "staff", "staff_with_every_permission"])
def test_nobody_but_admins_sees_or_edits_the_configuration(client, gateways, who):
    from django.contrib.auth.models import Permission

    config = configure_stripe()
    change = reverse("admin:payments_paymentconfiguration_change", args=[config.pk])
    if who == "buyer":
        client.force_login(UserFactory())
    elif who.startswith("staff"):
        staff = StaffFactory()
        if who == "staff_with_every_permission":
            staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="payments"))
        client.force_login(staff)
    for url in (CONFIG_LIST, CONFIG_ADD, change):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"pk_test_hurtrock" not in response.content
    client.post(change, {"provider": "stripe", "is_active": "", "secret_key": "sk_test_evil"})
    config.refresh_from_db()
    assert config.is_active and secret_decrypt(config.secret_key_encrypted) == TEST_SECRET_KEY
    if who.startswith("staff"):
        index = client.get(reverse("admin:index")).content.decode()
        assert CONFIG_LIST not in index


def test_admin_enters_keys_that_are_never_rendered_back(client, gateways, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(AdminFactory())
    form = {
        "provider": "stripe",
        "is_active": "on",
        "is_sandbox": "on",
        "public_key": "pk_test_1",
        "merchant_id": "",
        "enabled_payments": "",
    }
    bad = client.post(
        CONFIG_ADD, {**form, "secret_key": "sk_live_oops_" + "x" * 20, "webhook_secret": TEST_WEBHOOK_SECRET}
    )
    assert (
        bad.status_code == 200
        and b"sk_live_oops_" not in bad.content
        and TEST_WEBHOOK_SECRET.encode() not in bad.content
    )

    client.post(CONFIG_ADD, {**form, "secret_key": TEST_SECRET_KEY, "webhook_secret": TEST_WEBHOOK_SECRET})
    config = PaymentConfiguration.objects.get()
    assert secret_decrypt(config.secret_key_encrypted) == TEST_SECRET_KEY
    page = client.get(
        reverse("admin:payments_paymentconfiguration_change", args=[config.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert TEST_SECRET_KEY not in page and TEST_WEBHOOK_SECRET not in page and config.secret_key_encrypted not in page
    assert "fingerprint" in page and "/payments/stripe/webhook/" in page

    # Saving with the secret fields empty keeps the stored keys; "delete" removes them.
    client.post(
        reverse("admin:payments_paymentconfiguration_change", args=[config.pk]),
        {**form, "secret_key": "", "webhook_secret": ""},
    )
    config.refresh_from_db()
    assert secret_decrypt(config.secret_key_encrypted) == TEST_SECRET_KEY
    client.post(
        reverse("admin:payments_paymentconfiguration_change", args=[config.pk]), {**form, "clear_secrets": "on"}
    )
    config.refresh_from_db()
    assert config.secret_key_encrypted == "" and config.webhook_secret_encrypted == ""
    assert TEST_SECRET_KEY not in caplog.text and TEST_WEBHOOK_SECRET not in caplog.text


def test_check_keys_action_reports_success_or_the_gateways_error(client, gateways):
    client.force_login(AdminFactory())
    good = configure_midtrans()
    stripe = configure_stripe(secret_key="sk_test_wrong_key_1234567890")
    response = client.post(CONFIG_LIST, {"action": "check_keys", "_selected_action": [good.pk, stripe.pk]}, follow=True)
    text = response.content.decode()
    good.refresh_from_db()
    stripe.refresh_from_db()
    assert good.keys_check_ok is True and "sandbox" in good.keys_check_message
    assert stripe.keys_check_ok is False and "Invalid API Key" in stripe.keys_check_message
    assert (
        "sk_test_wrong_key_1234567890" not in text and "sk_test_wrong_key_1234567890" not in stripe.keys_check_message
    )


def test_keys_never_reach_the_logs_while_paying(client, gateways, caplog):
    caplog.set_level(logging.DEBUG)
    configure_stripe()
    configure_midtrans()
    order, payment = started(PaymentMethod.MIDTRANS)
    gateways.midtrans.set_status(payment.provider_reference, "settlement", notify=False)
    client.post(
        "/payments/midtrans/notification/",
        gateways.midtrans.notification_body(payment.provider_reference),
        content_type="application/json",
    )
    s_order, s_payment = started(PaymentMethod.STRIPE)
    body, signature = gateways.stripe.event_payload(
        "checkout.session.completed", s_payment.provider_reference, payment_status="paid"
    )
    client.post("/payments/stripe/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)
    configure_stripe(secret_key="sk_test_wrong_key_1234567890")
    with pytest.raises(GatewayError):
        started(PaymentMethod.STRIPE)
    for secret in (TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, TEST_SERVER_KEY, "sk_test_wrong_key_1234567890"):
        assert secret not in caplog.text


def test_error_reports_of_a_gateway_failure_do_not_contain_the_key(gateways, settings, rf):
    import base64

    settings.DEBUG = False
    configure_midtrans()
    gateways.midtrans.broken_status = True
    credentials = gateway_credentials(Provider.MIDTRANS)
    try:
        midtrans_api.transaction_status(credentials=credentials, reference="HR-2026-XXXXXX-1")
    except GatewayError:
        report = ExceptionReporter(rf.get("/"), *sys.exc_info()).get_traceback_text()
    else:
        pytest.fail("a broken status API must raise GatewayError")
    assert "transaction_status" in report  # the frames are in the report …
    assert TEST_SERVER_KEY not in report  # … but not the key, plain or as a Basic header
    assert base64.b64encode(f"{TEST_SERVER_KEY}:".encode()).decode() not in report


def test_the_deploy_check_asks_for_own_encryption_keys(settings):
    from payments.checks import check_encryption_keys, check_encryption_keys_valid

    settings.PAYMENTS_ENCRYPTION_KEYS = []
    assert [w.id for w in check_encryption_keys(None)] == ["payments.W001"]
    settings.PAYMENTS_ENCRYPTION_KEYS = ["not-a-key"]
    assert [e.id for e in check_encryption_keys_valid(None)] == ["payments.E001"]
