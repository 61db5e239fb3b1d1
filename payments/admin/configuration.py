"""Gateway configuration (keys): admins only, whatever permissions a staff account holds."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from payments.admin.base import _admins_only
from payments.crypto import SecretUnreadable, secret_decrypt, secret_fingerprint
from payments.forms import PaymentConfigurationForm
from payments.models import PaymentConfiguration, Provider
from payments.selectors import gateway_credentials
from payments.services.configuration import configuration_check_keys, configuration_set_secrets


@admin.register(PaymentConfiguration)
class PaymentConfigurationAdmin(admin.ModelAdmin):
    form = PaymentConfigurationForm
    list_display = ("provider", "is_active", "is_sandbox", "key_source", "keys_check_ok", "keys_checked_at")
    readonly_fields = ("stored_secrets", "key_source", "urls_to_register", "keys_check")
    actions = ["check_keys"]
    fieldsets = (
        (None, {"fields": ("provider", "is_active", "is_sandbox")}),
        (
            _("Keys"),
            {
                "fields": (
                    "public_key",
                    "merchant_id",
                    "secret_key",
                    "webhook_secret",
                    "clear_secrets",
                    "stored_secrets",
                    "key_source",
                )
            },
        ),
        (_("Midtrans channels"), {"fields": ("enabled_payments",)}),
        (_("Register at the gateway"), {"fields": ("urls_to_register", "keys_check")}),
    )

    # Payment keys: admins only, never staff, even with model permissions granted by hand.
    def has_module_permission(self, request):
        return _admins_only(request)

    def has_view_permission(self, request, obj=None):
        return _admins_only(request)

    def has_add_permission(self, request):
        return _admins_only(request)

    def has_change_permission(self, request, obj=None):
        return _admins_only(request)

    def has_delete_permission(self, request, obj=None):
        return _admins_only(request)

    @method_decorator(sensitive_post_parameters("secret_key", "webhook_secret"))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if data.get("clear_secrets"):
            secret, webhook = "", ""
        else:
            secret = data.get("secret_key") or None
            webhook = data.get("webhook_secret") or None
        configuration_set_secrets(config=obj, secret_key=secret, webhook_secret=webhook, user=request.user)

    @admin.display(description=_("stored secrets"))
    def stored_secrets(self, config):
        parts = []
        for label, token in (
            (gettext("secret key"), config.secret_key_encrypted),
            (gettext("webhook secret"), config.webhook_secret_encrypted),
        ):
            if not token:
                parts.append(gettext("%(label)s: not stored") % {"label": label})
                continue
            try:
                fingerprint = secret_fingerprint(secret_decrypt(token))
            except SecretUnreadable:
                fingerprint = gettext("unreadable — enter it again")
            parts.append(gettext("%(label)s: stored (fingerprint %(fp)s)") % {"label": label, "fp": fingerprint})
        return " · ".join(parts)

    @admin.display(description=_("keys used"))
    def key_source(self, config):
        if config.pk is None:
            return "—"
        credentials = gateway_credentials(config.provider, config=config)
        if credentials.key_source == "environment":
            return gettext("environment variables (they take precedence over the keys stored here)")
        return gettext("stored here") if credentials.secret_key else gettext("none")

    @admin.display(description=_("URLs"))
    def urls_to_register(self, config):
        from django.conf import settings

        site = settings.SITE_URL.rstrip("/")
        if config.provider == Provider.STRIPE:
            rows = [(gettext("Webhook endpoint"), reverse("payments:stripe_webhook"))]
        else:
            rows = [
                (gettext("Payment notification URL"), reverse("payments:midtrans_notification")),
                (gettext("Finish redirect URL"), reverse("payments:midtrans_finish")),
                (gettext("Unfinish redirect URL"), reverse("payments:midtrans_unfinish")),
                (gettext("Error redirect URL"), reverse("payments:midtrans_error")),
            ]
        items = format_html_join("", "<li>{}: <code>{}</code></li>", ((label, site + url) for label, url in rows))
        return format_html("<ul>{}</ul>", items)

    @admin.display(description=_("last key check"))
    def keys_check(self, config):
        if not config.keys_checked_at:
            return gettext("never")
        verdict = gettext("works") if config.keys_check_ok else gettext("failed")
        return f"{verdict}: {config.keys_check_message}"

    @admin.action(description=_("Check keys with the gateway"))
    def check_keys(self, request, queryset):
        for config in queryset:
            ok, message = configuration_check_keys(config=config)
            self.message_user(request, f"{config}: {message}", level=messages.SUCCESS if ok else messages.ERROR)
