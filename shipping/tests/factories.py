from decimal import Decimal

import factory

from shipping.models import Destination, ShippingService


class ShippingServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingService
        django_get_or_create = ("courier", "code")

    courier = "jne"
    code = factory.Sequence(lambda n: f"T{n}")
    name = "Test"
    base_price = 4000
    price_per_kg = 5000
    price_per_km = Decimal("15.00")
    volumetric_divisor = 6000
    rounding_tolerance_grams = 300
    min_days = 2
    max_days = 3


class DestinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Destination
        django_get_or_create = ("province", "city")

    province = "Jawa Tengah"
    city = factory.Sequence(lambda n: f"Kota Uji {n}")
    distance_km = 400
