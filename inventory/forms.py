"""Back-office forms of the inventory: a manual stock adjustment and a restock receipt."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from inventory.models import RestockOrder, StockMovement


class StockAdjustmentForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.all())
    quantity = forms.IntegerField(
        label=_("Change"), help_text=_("Positive adds stock (found, returned), negative removes it (damaged, lost).")
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[
            (StockMovement.Reason.ADJUSTMENT, StockMovement.Reason.ADJUSTMENT.label),
            (StockMovement.Reason.RETURN, StockMovement.Reason.RETURN.label),
        ],
    )
    note = forms.CharField(
        label=_("Why"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required: what happened (stock count, damage, customer return…)."),
    )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity == 0:
            raise forms.ValidationError(_("Enter a change other than zero."))
        return quantity

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Say why the stock is adjusted."))
        return note


class RestockReceiveForm(forms.Form):
    """One number per outstanding line, plus the receipt key issued when the form was shown: the
    key makes a double submit (or a second tab posting the same form) add stock only once."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, order: RestockOrder, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.lines = [line for line in order.lines.select_related("product") if line.quantity_outstanding > 0]
        if not self.is_bound:
            self.initial["key"] = secrets.token_hex(16)
        for line in self.lines:
            self.fields[self.field_name(line)] = forms.IntegerField(
                label=f"{line.product.sku} · {line.product.name}",
                min_value=0,
                max_value=line.quantity_outstanding,
                initial=line.quantity_outstanding,
            )

    @staticmethod
    def field_name(line) -> str:
        return f"line_{line.pk}"

    def rows(self):
        """(line, bound field) pairs for the template's table."""
        return [(line, self[self.field_name(line)]) for line in self.lines]

    def clean(self):
        cleaned = super().clean()
        if self.lines and not any(cleaned.get(self.field_name(line)) for line in self.lines):
            raise forms.ValidationError(_("Enter the quantity received for at least one line."))
        return cleaned

    def quantities(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[self.field_name(line)] or 0 for line in self.lines}
