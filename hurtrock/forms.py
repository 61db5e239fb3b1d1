from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from hurtrock.models import StoreProfile, User

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class QuickSelect(forms.Select):
    """A `<select>` rendered in Python, the same HTML as Django's widget template.

    Django's `select.html` includes two templates per option: the checkout's delivery-area list
    (110 cities in 38 provinces) took 240 template includes and about half of the page's 90 ms."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - escaped above
        )


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


class ReencodedImageField(forms.ImageField):
    """An image through the shared pipeline (`hurtrock.images`): real JPEG/PNG/WebP/GIF by decoding,
    byte and pixel caps, re-encoded to fit `max_size` without metadata; the original is not kept."""

    def __init__(self, *args, max_size: int, upload_prefix: str = "", **kwargs):
        from hurtrock.images import ALLOWED_FORMATS

        self.max_size, self.upload_prefix = max_size, upload_prefix
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}))
        super().__init__(*args, **kwargs)
        self.allowed_formats = ALLOWED_FORMATS

    def to_python(self, data):
        import uuid

        from django.core.files.base import ContentFile

        from hurtrock.images import image_reencode, image_validate

        if data in self.empty_values:
            return None
        encoded = image_reencode(image_validate(data), max_size=self.max_size)
        return ContentFile(encoded.content, name=f"{self.upload_prefix}{uuid.uuid4().hex[:16]}.{encoded.extension}")


class StoreProfileAdminForm(forms.ModelForm):
    class Meta:
        model = StoreProfile
        fields = ("logo", "opening_hours")  # the admin's fieldsets add the rest

    def __init__(self, *args, **kwargs):
        from hurtrock.images import LOGO_SIZE

        super().__init__(*args, **kwargs)
        if "logo" in self.fields:
            old = self.fields["logo"]
            self.fields["logo"] = ReencodedImageField(
                label=old.label, required=False, help_text=old.help_text, max_size=LOGO_SIZE
            )
