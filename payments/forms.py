"""Forms of the payments app: the buyer's proof upload, staff decisions, refunds, and write-only keys."""

from django import forms
from django.utils.translation import gettext_lazy as _

from payments.models import PaymentConfiguration, Provider


class TransferProofForm(forms.Form):
    image = forms.FileField(
        label=_("Photo or screenshot of the transfer"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    sender_name = forms.CharField(label=_("Paid from the account of (optional)"), max_length=100, required=False)


class ProofAcceptForm(forms.Form):
    amount_received = forms.IntegerField(label=_("Amount received (Rp)"), min_value=1)


class ProofRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the buyer sees it)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RefundForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount (Rp)"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    manual_reference = forms.CharField(label=_("Transfer reference (manual refunds)"), max_length=100, required=False)


class SecretInput(forms.PasswordInput):
    """Never renders a value back (not even the one just typed in a form with errors)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "new-password", **(attrs or {})}, render_value=False)


class PaymentConfigurationForm(forms.ModelForm):
    secret_key = forms.CharField(
        label=_("Secret key"),
        required=False,
        strip=True,
        widget=SecretInput(),
        help_text=_("Stripe secret key (sk_…) or Midtrans server key. Leave empty to keep the stored key."),
    )
    webhook_secret = forms.CharField(
        label=_("Webhook signing secret"),
        required=False,
        strip=True,
        widget=SecretInput(),
        help_text=_("Stripe only (whsec_…). Leave empty to keep the stored secret."),
    )
    clear_secrets = forms.BooleanField(label=_("Delete the stored secret keys"), required=False)

    class Meta:
        model = PaymentConfiguration
        fields = ("provider", "is_active", "is_sandbox", "public_key", "merchant_id", "enabled_payments")

    def clean(self):
        data = super().clean()
        provider = data.get("provider") or getattr(self.instance, "provider", "")
        secret = data.get("secret_key") or ""
        sandbox = data.get("is_sandbox")
        if provider == Provider.STRIPE and secret:
            if not secret.startswith(("sk_", "rk_")):
                self.add_error("secret_key", _("A Stripe secret key starts with sk_ (or rk_ for a restricted key)."))
            elif sandbox and "_live_" in secret:
                self.add_error("secret_key", _("This is a live key, but sandbox is ticked."))
            elif not sandbox and "_test_" in secret:
                self.add_error("secret_key", _("This is a test key, but sandbox is not ticked."))
        if (
            provider == Provider.STRIPE
            and data.get("webhook_secret")
            and not data["webhook_secret"].startswith("whsec_")
        ):
            self.add_error("webhook_secret", _("A Stripe webhook signing secret starts with whsec_."))
        if provider == Provider.MIDTRANS and secret:
            if sandbox and not secret.startswith("SB-"):
                self.add_error("secret_key", _("Sandbox server keys start with SB-Mid-server-."))
            elif not sandbox and secret.startswith("SB-"):
                self.add_error("secret_key", _("This is a sandbox server key, but sandbox is not ticked."))
        return data
