"""A product family edited on its parent's page: an inline for the options (Finish, Gauge, Size)
and one for the variants (SKU, name, price, active, stock shown read-only, one value per option
and a swatch for colour options). The variants' rows are saved with catalog.services.product_save
(stock is never written here) and the option values with catalog.services.variants, which checks
the whole family first (every value filled in, no two variants alike)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalog.models import Product, VariantOption
from catalog.services import product_save
from catalog.services.variants import OptionSpec, VariantSpec, variant_family_check, variant_family_set

VARIANT_FIELDS = ("sku", "name", "price", "is_active")


class VariantOptionInline(admin.TabularInline):
    model = VariantOption
    fields = ("name", "kind", "position")
    extra = 0
    verbose_name = _("variant option")
    verbose_name_plural = _("Variant options (add them, save, then fill in each variant's values below)")


class VariantInlineForm(forms.ModelForm):
    """A variant's row, with one value field per option of the family (and a swatch for colours)."""

    class Meta:
        model = Product
        fields = VARIANT_FIELDS

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(options)
        current = {}
        if self.instance.pk:
            current = {value.option_id: value for value in self.instance.option_values.all()}
        for option in self.options:
            value = current.get(option.pk)
            self.fields[f"option_{option.pk}"] = forms.CharField(
                label=option.name, max_length=60, required=False, initial=value.value if value else ""
            )
            if option.is_colour:
                self.fields[f"swatch_{option.pk}"] = forms.CharField(
                    label=format_lazy(_("{option} swatch"), option=option.name),
                    max_length=7,
                    required=False,
                    initial=value.swatch if value else "",
                    widget=forms.TextInput(attrs={"type": "color"}),
                )

    def variant_spec(self, options=None) -> VariantSpec:
        """The row's values by option name; `options` are the family's options as saved now (an
        option added in this same save has no field yet, so its value is missing)."""
        data = self.cleaned_data
        options = self.options if options is None else options
        return VariantSpec(
            label=data.get("sku") or self.instance.sku or "?",
            values={option.name: data.get(f"option_{option.pk}", "") for option in options},
            swatches={option.name: data.get(f"swatch_{option.pk}", "") for option in options if option.is_colour},
        )


class VariantInlineFormSet(BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(self.instance.variant_options.order_by("position", "id")) if self.instance.pk else []

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "options": self.options}

    def kept_forms(self):
        """The rows that are (or become) variants: not deleted, not an untouched empty row."""
        return [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk)
            and hasattr(form, "cleaned_data")
            and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if any(self.errors) or not self.options:
            return
        try:
            variant_family_check(
                options=[OptionSpec(option.name, option.kind) for option in self.options],
                variants=[form.variant_spec() for form in self.kept_forms()],
            )
        except ValidationError as error:
            raise ValidationError(error.messages)

    def save_new(self, form, commit=True):
        variant = form.save(commit=False)
        parent = self.instance
        variant.parent = parent
        variant.brand, variant.category = parent.brand, parent.category
        variant.model_name = variant.model_name or parent.model_name
        variant.weight_grams = variant.weight_grams or parent.weight_grams
        variant.length_cm, variant.width_cm, variant.height_cm = parent.length_cm, parent.width_cm, parent.height_cm
        return product_save(product=variant) if commit else variant

    def save_existing(self, form, obj, commit=True):
        variant = form.save(commit=False)
        return product_save(product=variant) if commit else variant


class VariantInline(admin.TabularInline):
    model = Product
    fk_name = "parent"
    form = VariantInlineForm
    formset = VariantInlineFormSet
    extra = 0
    readonly_fields = ("stock_quantity",)
    show_change_link = True
    ordering = ("id",)
    verbose_name = _("variant")
    verbose_name_plural = _("Variants (each one is sold with its own SKU, price and stock)")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["fields"] = VARIANT_FIELDS
        return super().get_formset(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        option_fields = []
        if obj is not None and obj.pk:
            for option in obj.variant_options.order_by("position", "id"):
                option_fields.append(f"option_{option.pk}")
                if option.is_colour:
                    option_fields.append(f"swatch_{option.pk}")
        return [*VARIANT_FIELDS, *option_fields, "stock_quantity"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("option_values")


def variant_family_save_from_admin(*, parent: Product, formsets) -> str | None:
    """After the inlines are saved: write the option values of every variant through the service.
    Returns a warning when the family is not complete yet (e.g. an option added in this save has
    no values: they are filled in on the next save)."""
    variant_formsets = [formset for formset in formsets if isinstance(formset, VariantInlineFormSet)]
    options = list(parent.variant_options.order_by("position", "id"))
    if not variant_formsets or not options:
        return None
    variants = {}
    for formset in variant_formsets:
        for form in formset.kept_forms():
            if form.instance.pk:
                variants[form.instance] = form.variant_spec(options)
    try:
        variant_family_set(
            parent=parent, options=[OptionSpec(option.name, option.kind) for option in options], variants=variants
        )
    except ValidationError as error:
        return " ".join(error.messages)
    return None
