"""CSV/XLSX import and export of supplier prices (django-import-export), keyed by supplier name and product SKU.

One row per supplier and product: `supplier` (the supplier's name), `product_sku`, `supplier_sku`,
`cost_price` (whole rupiah, "1.250.000" and "Rp 1.250.000" read as 1250000), `lead_time_days`,
`is_preferred`. A row marked preferred takes the preference from the product's other supplier
(`supplier_price_save`); within one file the last preferred row of a product wins. Product names
are exported for reading only. Formula-like cells are escaped on export and unescaped on import,
as for products.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from catalog.models import Product
from catalog.resources import (
    CachedForeignKeyWidget,
    PlainIntegerWidget,
    RupiahWidget,
    SafeCharWidget,
    SafeForeignKeyWidget,
    formula_escape,
)
from inventory.models import Supplier, SupplierProduct
from inventory.services import supplier_price_save


class SupplierProductResource(resources.ModelResource):
    supplier = fields.Field(
        attribute="supplier", column_name="supplier", widget=CachedForeignKeyWidget(Supplier, "name")
    )
    product = fields.Field(attribute="product", column_name="product_sku", widget=SafeForeignKeyWidget(Product, "sku"))
    product_name = fields.Field(
        attribute="product__name", column_name="product (export only)", widget=SafeCharWidget(), readonly=True
    )
    supplier_sku = fields.Field(attribute="supplier_sku", column_name="supplier_sku", widget=SafeCharWidget())
    cost_price = fields.Field(attribute="cost_price", column_name="cost_price", widget=RupiahWidget())
    lead_time_days = fields.Field(attribute="lead_time_days", column_name="lead_time_days", widget=PlainIntegerWidget())
    is_preferred = fields.Field(attribute="is_preferred", column_name="is_preferred", widget=widgets.BooleanWidget())

    class Meta:
        model = SupplierProduct
        import_id_fields = ("supplier", "product")
        fields = (
            "supplier", "product", "product_name", "supplier_sku", "cost_price", "lead_time_days", "is_preferred",
        )  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def export_field(self, field, instance, **kwargs):
        return formula_escape(super().export_field(field, instance, **kwargs))

    def get_queryset(self):
        return super().get_queryset().select_related("supplier", "product")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The one-preferred constraint is kept by supplier_price_save (it clears the product's other
        # preferred row first), so it is not checked against the rows as they are before the save.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=errors.keys(), validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        supplier_price_save(supplier_product=instance)
