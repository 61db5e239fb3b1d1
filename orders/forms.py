"""Forms of the orders app: quantity parsing, checkout, and the staff's shipping form."""

import uuid
from dataclasses import asdict

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hurtrock.forms import QuickSelect
from hurtrock.models import phone_validator
from hurtrock.templatetags.rupiah import format_rupiah

_whole_number = forms.IntegerField(min_value=1)


def parse_quantity(raw) -> int | None:
    """A whole number ≥ 1 from user input ("2", " 3 "), else None ("-1", "0", "1.5", "abc", "1e9")."""
    text = "" if raw is None else str(raw).strip()
    if not text or len(text) > 12:
        return None
    try:
        return _whole_number.clean(text)
    except ValidationError:
        return None


def _service_label(quote) -> str:
    from orders.services.checkout import courier_label

    if quote.min_days == quote.max_days:
        days = ngettext("%(days)s day", "%(days)s days", quote.max_days) % {"days": quote.max_days}
    else:
        days = gettext("%(min)s–%(max)s days") % {"min": quote.min_days, "max": quote.max_days}
    return f"{courier_label(quote.service)} {quote.service.name} — {format_rupiah(quote.cost)} ({days})"


class CheckoutForm(forms.Form):
    """The delivery address for this order (prefilled from the profile), shipping and payment."""

    recipient_name = forms.CharField(
        label=_("Recipient"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    street = forms.CharField(
        label=_("Street address"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "street-address"})
    )
    city = forms.CharField(
        label=_("City"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    province = forms.CharField(
        label=_("Province"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level1"})
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Five digits."))],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    destination = forms.TypedChoiceField(
        label=_("Delivery area"),
        widget=QuickSelect,
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave it on automatic, or pick the nearest city we deliver to if yours is not known."),
    )
    shipping_service = forms.TypedChoiceField(
        label=_("Shipping"), coerce=int, widget=forms.RadioSelect, error_messages={"required": _("Pick a courier.")}
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), widget=forms.RadioSelect, error_messages={"required": _("Pick a payment method.")}
    )
    note = forms.CharField(
        label=_("Note for the store (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    voucher_code = forms.CharField(
        label=_("Voucher code (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    ADDRESS_FIELDS = ("recipient_name", "phone", "street", "city", "province", "postal_code")

    def __init__(self, *args, quotes=(), destinations=(), payment_methods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.quotes = {quote.service.pk: quote for quote in quotes}
        self.fields["shipping_service"].choices = [(pk, _service_label(q)) for pk, q in self.quotes.items()]
        self.fields["destination"].choices = [("", _("Automatic (from the city above)")), *destinations]
        self.fields["payment_method"].choices = [(m.value, m.label) for m in payment_methods]
        if len(payment_methods) == 1 and not self.is_bound:
            self.initial.setdefault("payment_method", payment_methods[0].value)
        self.initial.setdefault("idempotency_key", uuid.uuid4())

    @staticmethod
    def initial_from_user(user) -> dict:
        from orders.services.checkout import DeliveryAddress

        return asdict(DeliveryAddress.from_profile(user))

    def address_fields(self):
        return [self[name] for name in self.ADDRESS_FIELDS]


class ShipForm(forms.Form):
    """Staff: hand an order to the courier."""

    courier = forms.CharField(label=_("Courier"), max_length=60)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=60)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    note_is_public = forms.BooleanField(label=_("Show the note to the buyer"), required=False)


class TransitionForm(forms.Form):
    """Staff: move an order along the pipeline."""

    to_status = forms.CharField(max_length=20)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    note_is_public = forms.BooleanField(label=_("Show the note to the buyer"), required=False)
