"""Quote tables per courier: chargeable weight (actual, volumetric, tolerance rounding) and cost."""

from decimal import Decimal

import pytest

from inventory.tests.factories import ProductFactory
from shipping.errors import MissingDimensions, ShippingError, UnknownDestination
from shipping.models import ShippingService
from shipping.services import chargeable_kg, shipping_quote, shipping_quote_for_service
from shipping.tests.factories import DestinationFactory

pytestmark = pytest.mark.django_db


def parcel(grams, dims=(10, 10, 10)):
    """A product of `grams` whose box is small unless dims say otherwise."""
    return ProductFactory.build(
        weight_grams=grams, length_cm=Decimal(dims[0]), width_cm=Decimal(dims[1]), height_cm=Decimal(dims[2])
    )


@pytest.mark.parametrize(
    ("grams", "tolerance", "kg"),
    [
        (1300, 300, 1),  # JNE: 1.30 kg → 1 kg
        (1301, 300, 2),
        (1310, 300, 2),  # JNE: 1.31 kg → 2 kg
        (2000, 300, 2),
        (200, 300, 1),  # minimum 1 kg
        (0, 300, 1),
        (500, 300, 1),
        (1200, 200, 1),  # POS: 200 g tolerance
        (1201, 200, 2),
        (1001, 0, 2),  # no tolerance: every gram over counts
    ],
)
def test_chargeable_kg_rounds_with_the_tolerance_and_a_minimum_of_one(grams, tolerance, kg):
    assert chargeable_kg(grams=grams, tolerance_grams=tolerance) == kg


# Seeded services, Bandung → Surabaya (700 km); cost = base + per kg × kg + per km × km.
SURABAYA = 700
SEEDED_TABLE = [
    # courier, code, grams, box (cm), chargeable kg, cost
    ("jne", "REG", 1300, (10, 10, 10), 1, 4000 + 5000 * 1 + 15 * SURABAYA),
    ("jne", "REG", 1310, (10, 10, 10), 2, 4000 + 5000 * 2 + 15 * SURABAYA),
    ("jne", "YES", 2500, (10, 10, 10), 3, 9000 + 9000 * 3 + 22 * SURABAYA),
    ("jne", "OKE", 900, (10, 10, 10), 1, 3000 + 4000 * 1 + 12 * SURABAYA),
    # An electric guitar case: 100 × 35 × 10 cm = 35 000 cm³ ÷ 6000 = 5.834 kg volumetric > 3.5 kg actual.
    ("jnt", "EZ", 3500, (100, 35, 10), 6, 4000 + 5500 * 6 + 14 * SURABAYA),
    ("sicepat", "REG", 3500, (100, 35, 10), 6, 4000 + 5000 * 6 + 14 * SURABAYA),
    # A light box 30 × 30 × 20 = 18 000 cm³ → exactly 3.000 kg volumetric, over 1 kg actual.
    ("sicepat", "BEST", 1000, (30, 30, 20), 3, 8000 + 8500 * 3 + 20 * SURABAYA),
    # POS: 1.2 kg → 1 kg (200 g tolerance), 1.25 kg → 2 kg.
    ("pos", "KILAT", 1200, (10, 10, 10), 1, 4500 + 5000 * 1 + 16 * SURABAYA),
    ("pos", "KILAT", 1250, (10, 10, 10), 2, 4500 + 5000 * 2 + 16 * SURABAYA),
]


@pytest.mark.parametrize(("courier", "code", "grams", "box", "kg", "cost"), SEEDED_TABLE)
def test_seeded_service_quote_table(courier, code, grams, box, kg, cost):
    service = ShippingService.objects.get(courier=courier, code=code)
    destination = DestinationFactory(city="Surabaya Uji", province="Jawa Timur", distance_km=SURABAYA)

    quote = shipping_quote_for_service(lines=[(parcel(grams, box), 1)], destination=destination, service=service)

    assert (quote.chargeable_kg, quote.cost) == (kg, cost)
    assert (quote.min_days, quote.max_days) == (service.min_days, service.max_days)
    assert not quote.is_live


def test_weight_is_summed_over_lines_before_rounding():
    service = ShippingService.objects.get(courier="jne", code="REG")
    destination = DestinationFactory(distance_km=0)
    # 2 × 650 g = 1 300 g → 1 kg; per-unit rounding would have charged 2 kg.
    quote = shipping_quote_for_service(lines=[(parcel(650), 2)], destination=destination, service=service)

    assert quote.chargeable_kg == 1
    assert quote.cost == 4000 + 5000


def test_each_line_takes_the_larger_of_actual_and_volumetric_weight():
    service = ShippingService.objects.get(courier="jne", code="REG")
    destination = DestinationFactory(distance_km=0)
    heavy_small = parcel(2000, (10, 10, 10))  # 2.0 kg actual, 0.167 kg volumetric
    light_big = parcel(500, (60, 40, 25))  # 0.5 kg actual, 10.0 kg volumetric

    quote = shipping_quote_for_service(
        lines=[(heavy_small, 1), (light_big, 1)], destination=destination, service=service
    )

    assert quote.chargeable_kg == 12


def test_fractional_price_per_km_rounds_to_whole_rupiah():
    service = ShippingService.objects.get(courier="jne", code="REG")
    service.price_per_km = Decimal("2.50")
    service.save()
    destination = DestinationFactory(distance_km=151)

    quote = shipping_quote_for_service(lines=[(parcel(1000), 1)], destination=destination, service=service)

    assert quote.cost == 4000 + 5000 + 378  # 377.5 → 378
    assert isinstance(quote.cost, int)


def test_far_destinations_add_a_day_per_thousand_km():
    service = ShippingService.objects.get(courier="jne", code="REG")
    jayapura = DestinationFactory(city="Jayapura Uji", province="Papua", distance_km=3800)

    quote = shipping_quote_for_service(lines=[(parcel(1000), 1)], destination=jayapura, service=service)

    assert (quote.min_days, quote.max_days) == (5, 6)


def test_quote_lists_every_active_service_cheapest_first():
    ShippingService.objects.filter(courier="pos").update(is_active=False)
    destination = DestinationFactory(distance_km=400)

    quotes = shipping_quote(lines=[(parcel(1000), 1)], destination=destination)

    assert len(quotes) == ShippingService.objects.filter(is_active=True).count() == 6
    assert [q.cost for q in quotes] == sorted(q.cost for q in quotes)
    assert all(q.service.courier != "pos" for q in quotes)


def test_quote_for_an_inactive_service_is_refused():
    service = ShippingService.objects.get(courier="jne", code="YES")
    service.is_active = False
    service.save()

    with pytest.raises(ShippingError):
        shipping_quote_for_service(lines=[(parcel(1000), 1)], destination=DestinationFactory(), service=service)


@pytest.mark.parametrize("missing", ["weight_grams", "length_cm", "width_cm", "height_cm"])
def test_a_product_without_weight_or_dimensions_is_a_clear_error(missing):
    product = ProductFactory(name="Drum Kit Tanpa Ukuran", **{missing: None})

    with pytest.raises(MissingDimensions) as caught:
        shipping_quote(lines=[(product, 1)], destination=DestinationFactory())

    assert caught.value.product == product
    assert "Drum Kit Tanpa Ukuran" in str(caught.value)


@pytest.mark.parametrize("active", [True, False])
def test_an_unknown_or_inactive_destination_is_a_clear_error(active):
    destination = None if active else DestinationFactory(is_active=False)

    with pytest.raises(UnknownDestination):
        shipping_quote(lines=[(parcel(1000), 1)], destination=destination)


def test_quote_query_count_does_not_grow_with_lines(django_assert_max_num_queries):
    destination = DestinationFactory()
    products = [ProductFactory() for _ in range(10)]

    with django_assert_max_num_queries(1):
        shipping_quote(lines=[(p, 1) for p in products], destination=destination)
