from django import forms
from django.utils.translation import gettext_lazy as _

from hurtrock.models import User


class SignupForm(forms.Form):
    """Extra signup field for allauth: the buyer's name (the rest of the profile comes later)."""

    name = forms.CharField(label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "phone", "street", "city", "province", "postal_code"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "province": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
