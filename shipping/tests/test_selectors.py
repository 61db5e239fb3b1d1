import pytest

from shipping.models import Destination, ShippingService
from shipping.seed import DESTINATIONS, SERVICES, shipping_seed_defaults
from shipping.selectors import destination_for, destinations_for_select, services_active

pytestmark = pytest.mark.django_db


def test_migration_seeded_38_provinces_with_capitals_and_the_couriers():
    assert Destination.objects.values("province").distinct().count() == 38
    assert Destination.objects.filter(is_capital=True).count() == 38
    assert Destination.objects.count() == sum(len(cities) for cities in DESTINATIONS.values())
    assert set(ShippingService.objects.values_list("courier", "code")) == {
        ("jne", "REG"),
        ("jne", "YES"),
        ("jne", "OKE"),
        ("jnt", "EZ"),
        ("sicepat", "REG"),
        ("sicepat", "BEST"),
        ("pos", "KILAT"),
    }
    assert Destination.objects.get(city="Bandung").distance_km < Destination.objects.get(city="Jayapura").distance_km


def test_seeding_again_creates_nothing_and_keeps_staff_edits():
    ShippingService.objects.filter(courier="jne", code="REG").update(base_price=1)

    assert shipping_seed_defaults() == (0, 0)
    assert ShippingService.objects.get(courier="jne", code="REG").base_price == 1
    assert ShippingService.objects.count() == len(SERVICES)


@pytest.mark.parametrize(
    ("city", "province", "expected"),
    [
        ("Bandung", "", "Bandung"),
        ("Kota Bandung", "Jawa Barat", "Bandung"),
        ("KOTA BANDUNG", "", "Bandung"),
        ("kab. bandung", "", "Bandung"),
        ("Kabupaten  Garut", "jawa barat", "Garut"),
        ("Kab Garut", "", "Garut"),
        ("Kota Administrasi Jakarta Selatan", "DKI Jakarta", "Jakarta Selatan"),
        ("Jakarta", "", "Jakarta Pusat"),
        ("Yogyakarta", "Daerah Istimewa Yogyakarta", "Yogyakarta"),
        ("Sleman", "D.I. Yogyakarta", "Sleman"),
        ("Lembang", "Jawa Barat", "Bandung"),  # not listed: the provincial capital
        ("Kota Nowhere", "Provinsi Papua", "Jayapura"),
    ],
)
def test_destination_for_understands_how_people_write_their_city(city, province, expected):
    destination = destination_for(city=city, province=province)

    assert destination is not None and destination.city == expected


@pytest.mark.parametrize(("city", "province"), [("Atlantis", ""), ("", ""), ("Atlantis", "Narnia")])
def test_destination_for_an_unknown_place_is_none(city, province):
    assert destination_for(city=city, province=province) is None


def test_inactive_destinations_are_not_matched():
    Destination.objects.filter(city="Garut").update(is_active=False)

    assert destination_for(city="Garut", province="Jawa Barat").city == "Bandung"
    assert destination_for(city="Garut") is None


def test_destinations_for_select_groups_cities_by_province():
    groups = dict(destinations_for_select())

    assert len(groups) == 38
    assert "Bandung" in [city for _pk, city in groups["Jawa Barat"]]


def test_services_active_leaves_out_switched_off_services():
    ShippingService.objects.filter(courier="jne", code="OKE").update(is_active=False)

    assert ("jne", "OKE") not in {(s.courier, s.code) for s in services_active()}
    assert len(services_active()) == 6
