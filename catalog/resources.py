"""CSV/XLSX import and export of products (django-import-export), keyed by SKU.

- Stock is exported for reference and ignored on import: stock changes go through the stock ledger.
  New products imported here start at stock 0 (`product_save`).
- Updates never write the stock or sales-counter columns, so an import cannot undo a sale.
- Cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR) are exported with
  a leading apostrophe, and the apostrophe is removed again on import, so a round trip is lossless.
- Prices are whole rupiah; "1.250.000" and "Rp 1.250.000" are read as 1250000, fractions refused.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from catalog.models import Category, Product
from catalog.services import product_save
from catalog.services.products import product_slug
from catalog.specs import specs_from_text, specs_to_text

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_escape(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def formula_unescape(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class SafeCharWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(formula_unescape(value), row, **kwargs)


class RupiahWidget(widgets.Widget):
    """Whole rupiah: native integers out, forgiving but exact parsing in."""

    GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(_("Enter the price in whole rupiah, e.g. 1250000."))
        if isinstance(value, int | float | Decimal):
            number = Decimal(str(value))
        else:
            text = str(value or "").strip().removeprefix("Rp").strip().replace(" ", "")
            if self.GROUPED.match(text):
                text = text.replace(".", "")
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ValueError(_("Enter the price in whole rupiah, e.g. 1250000."))
        if number != number.to_integral_value() or number < 0:
            raise ValueError(_("The price must be a whole, non-negative number of rupiah."))
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class PlainDecimalWidget(widgets.Widget):
    """Decimals with a dot whatever the locale ("30.5"); a comma is accepted on import."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            return Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("Enter a number such as 30.5."))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class PlainIntegerWidget(widgets.IntegerWidget):
    def render(self, value, obj=None, **kwargs):
        return value


class SpecificationsWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        lines = [formula_unescape(line) for line in str(value or "").splitlines()]
        return specs_from_text("\n".join(lines))

    def render(self, value, obj=None, **kwargs):
        return specs_to_text(value or [])


class SafeForeignKeyWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        value = formula_unescape(value)
        if value is None or str(value).strip() == "":
            return None
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(_("“%(value)s” does not exist.") % {"value": value})


class CachedForeignKeyWidget(SafeForeignKeyWidget):
    """Looks related rows up in a dict loaded once per import (e.g. categories, which are few).

    Resources copy their fields per instance, and the admin makes one resource per import, so the
    cache never outlives an import.
    """

    def __init__(self, model, field, **kwargs):
        super().__init__(model, field, **kwargs)
        self._cache = None

    def clean(self, value, row=None, **kwargs):
        value = formula_unescape(value)
        if value is None or str(value).strip() == "":
            return None
        if self._cache is None:
            self._cache = {str(getattr(obj, self.field)): obj for obj in self.model.objects.all()}
        try:
            return self._cache[str(value).strip()]
        except KeyError:
            raise ValueError(_("“%(value)s” does not exist.") % {"value": value})


class ProductResource(resources.ModelResource):
    sku = fields.Field(attribute="sku", column_name="sku", widget=SafeCharWidget(allow_blank=False))
    name = fields.Field(attribute="name", column_name="name", widget=SafeCharWidget(allow_blank=False))
    slug = fields.Field(attribute="slug", column_name="slug", widget=SafeCharWidget())
    brand = fields.Field(attribute="brand", column_name="brand", widget=SafeCharWidget(allow_blank=False))
    model_name = fields.Field(attribute="model_name", column_name="model", widget=SafeCharWidget())
    description = fields.Field(attribute="description", column_name="description", widget=SafeCharWidget())
    specifications = fields.Field(
        attribute="specifications", column_name="specifications", widget=SpecificationsWidget()
    )
    price = fields.Field(attribute="price", column_name="price", widget=RupiahWidget())
    stock_quantity = fields.Field(
        attribute="stock_quantity", column_name="stock (export only)", widget=PlainIntegerWidget(), readonly=True
    )
    low_stock_threshold = fields.Field(
        attribute="low_stock_threshold", column_name="low_stock_threshold", widget=PlainIntegerWidget()
    )
    weight_grams = fields.Field(attribute="weight_grams", column_name="weight_grams", widget=PlainIntegerWidget())
    length_cm = fields.Field(attribute="length_cm", column_name="length_cm", widget=PlainDecimalWidget())
    width_cm = fields.Field(attribute="width_cm", column_name="width_cm", widget=PlainDecimalWidget())
    height_cm = fields.Field(attribute="height_cm", column_name="height_cm", widget=PlainDecimalWidget())
    category = fields.Field(
        attribute="category", column_name="category", widget=CachedForeignKeyWidget(Category, "slug")
    )
    parent = fields.Field(attribute="parent", column_name="parent_sku", widget=SafeForeignKeyWidget(Product, "sku"))
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=widgets.BooleanWidget())
    is_featured = fields.Field(attribute="is_featured", column_name="is_featured", widget=widgets.BooleanWidget())
    units_sold = fields.Field(
        attribute="units_sold", column_name="units_sold (export only)", widget=PlainIntegerWidget(), readonly=True
    )

    class Meta:
        model = Product
        import_id_fields = ("sku",)
        fields = (
            "sku", "name", "slug", "brand", "model_name", "description", "specifications", "price",
            "stock_quantity", "low_stock_threshold", "weight_grams", "length_cm", "width_cm", "height_cm",
            "category", "parent", "is_active", "is_featured", "units_sold",
        )  # fmt: skip
        export_order = fields
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def export_field(self, field, instance, **kwargs):
        return formula_escape(super().export_field(field, instance, **kwargs))

    def get_queryset(self):
        return super().get_queryset().select_related("category", "parent")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.slug:  # before validation: an empty slug column means "make one from the name"
            instance.slug = product_slug(instance.name)

    def do_instance_save(self, instance, is_create):
        product_save(product=instance)
