"""Factories for inventory tests (and a minimal catalog product for them and for shipping tests)."""

from decimal import Decimal

import factory

from catalog.models import Category, Product
from inventory.models import RestockOrder, RestockOrderLine, Supplier


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Pemasok {n}")
    company = factory.Sequence(lambda n: f"PT Musik Nusantara {n}")
    contact_person = "Budi Santoso"
    email = factory.Sequence(lambda n: f"sales{n}@pemasok.example.com")
    phone = "022-1234-5678"
    address = "Jl. Braga No. 1, Bandung"


class ProductFactory(factory.django.DjangoModelFactory):
    """A product with stock 0 by default: give stock through the services so the ledger agrees."""

    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Gitar Listrik {n}")
    slug = factory.Sequence(lambda n: f"gitar-listrik-{n}")
    brand = "Ibanez"
    price = 3_500_000
    stock_quantity = 0
    low_stock_threshold = 3
    weight_grams = 3500
    length_cm = Decimal("100.0")
    width_cm = Decimal("35.0")
    height_cm = Decimal("10.0")
    category = factory.SubFactory(CategoryFactory)


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
