"""Factories for inventory tests (and a minimal catalog product for them and for shipping tests)."""

from decimal import Decimal

import factory

from catalog.models import Product
from catalog.tests import factories as catalog_factories
from inventory.models import RestockOrder, RestockOrderLine, Supplier, SupplierProduct


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Pemasok {n}")
    company = factory.Sequence(lambda n: f"PT Musik Nusantara {n}")
    contact_person = "Budi Santoso"
    email = factory.Sequence(lambda n: f"sales{n}@pemasok.example.com")
    phone = "022-1234-5678"
    address = "Jl. Braga No. 1, Bandung"


class ProductFactory(catalog_factories.ProductFactory):
    """A product with stock 0 and a box size: give stock through the services so the ledger agrees."""

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = 3_500_000
    stock_quantity = 0
    weight_grams = 3500
    length_cm = Decimal("100.0")
    width_cm = Decimal("35.0")
    height_cm = Decimal("10.0")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def supplier(obj, create, extracted, **kwargs):
        """`supplier=S` makes S the product's preferred supplier (`supplier__cost_price=…` for its price)."""
        if extracted is not None:
            SupplierProduct.objects.create(supplier=extracted, product=obj, is_preferred=True, **kwargs)


class SupplierProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierProduct

    supplier = factory.SubFactory(SupplierFactory)
    product = factory.SubFactory(ProductFactory)
    supplier_sku = factory.Sequence(lambda n: f"SUP-{n:05d}")
    cost_price = 1_500_000
    lead_time_days = 14
    is_preferred = False


class RestockOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RestockOrder

    supplier = factory.SubFactory(SupplierFactory)


class RestockOrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RestockOrderLine

    order = factory.SubFactory(RestockOrderFactory)
    product = factory.SubFactory(ProductFactory)
    quantity_ordered = 10
    unit_cost = 2_000_000


def stocked_product(quantity: int, **fields) -> Product:
    """A product whose stock came through the ledger (an opening movement)."""
    from inventory.services import stock_record_opening_balances

    product = ProductFactory(stock_quantity=quantity, **fields)
    stock_record_opening_balances(products=Product.objects.filter(pk=product.pk))
    return product
