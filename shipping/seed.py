"""Default courier services and destinations, seeded by a data migration and by `load_sample_data`.

Tariffs are plausible table rates for 2026 (a 1 kg parcel Bandung → Jakarta costs about Rp 10.000 with
JNE REG, Bandung → Jayapura about Rp 70.000); staff tune them in the admin. Distances are approximate
road-and-ferry distances from Bandung in km (air/sea routes for islands without a road link).
"""

from decimal import Decimal

# (courier, code, name, base, per kg, per km, divisor, tolerance g, min days, max days)
SERVICES = [
    ("jne", "REG", "Reguler", 4000, 5000, Decimal("15.00"), 6000, 300, 2, 3),
    ("jne", "YES", "Yakin Esok Sampai", 9000, 9000, Decimal("22.00"), 6000, 300, 1, 1),
    ("jne", "OKE", "Ongkos Kirim Ekonomis", 3000, 4000, Decimal("12.00"), 6000, 300, 3, 6),
    ("jnt", "EZ", "Reguler (EZ)", 4000, 5500, Decimal("14.00"), 6000, 300, 2, 3),
    ("sicepat", "REG", "Reguler", 4000, 5000, Decimal("14.00"), 6000, 300, 2, 3),
    ("sicepat", "BEST", "Besok Sampai Tujuan", 8000, 8500, Decimal("20.00"), 6000, 300, 1, 1),
    ("pos", "KILAT", "Pos Kilat Khusus", 4500, 5000, Decimal("16.00"), 6000, 200, 2, 4),
]

# province → [(city, distance km from Bandung), ...]; the first city is the provincial capital.
DESTINATIONS: dict[str, list[tuple[str, int]]] = {
    "Aceh": [("Banda Aceh", 2640), ("Lhokseumawe", 2370), ("Langsa", 2200), ("Meulaboh", 2480)],
    "Sumatera Utara": [("Medan", 1990), ("Binjai", 2010), ("Pematangsiantar", 2090), ("Sibolga", 2210)],
    "Sumatera Barat": [("Padang", 1480), ("Bukittinggi", 1560), ("Payakumbuh", 1590), ("Solok", 1440)],
    "Riau": [("Pekanbaru", 1530), ("Dumai", 1720)],
    "Kepulauan Riau": [("Tanjung Pinang", 1080), ("Batam", 1050)],
    "Jambi": [("Jambi", 1030), ("Sungai Penuh", 1290)],
    "Sumatera Selatan": [("Palembang", 740), ("Prabumulih", 820), ("Lubuklinggau", 990)],
    "Kepulauan Bangka Belitung": [("Pangkal Pinang", 620), ("Tanjung Pandan", 700)],
    "Bengkulu": [("Bengkulu", 1050)],
    "Lampung": [("Bandar Lampung", 400), ("Metro", 440)],
    "DKI Jakarta": [
        ("Jakarta Pusat", 150),
        ("Jakarta Barat", 155),
        ("Jakarta Selatan", 140),
        ("Jakarta Timur", 135),
        ("Jakarta Utara", 160),
    ],
    "Jawa Barat": [
        ("Bandung", 5),
        ("Bandung Barat", 20),
        ("Cimahi", 12),
        ("Bekasi", 125),
        ("Bogor", 125),
        ("Depok", 140),
        ("Karawang", 100),
        ("Purwakarta", 75),
        ("Sumedang", 45),
        ("Cianjur", 60),
        ("Sukabumi", 95),
        ("Garut", 65),
        ("Tasikmalaya", 105),
        ("Cirebon", 130),
        ("Banjar", 150),
    ],
    "Banten": [("Serang", 230), ("Cilegon", 250), ("Tangerang", 165), ("Tangerang Selatan", 160)],
    "Jawa Tengah": [
        ("Semarang", 370),
        ("Surakarta", 480),
        ("Purwokerto", 260),
        ("Tegal", 250),
        ("Pekalongan", 300),
        ("Magelang", 400),
        ("Kudus", 420),
    ],
    "DI Yogyakarta": [("Yogyakarta", 400), ("Sleman", 405), ("Bantul", 410)],
    "Jawa Timur": [
        ("Surabaya", 700),
        ("Sidoarjo", 720),
        ("Malang", 780),
        ("Kediri", 640),
        ("Madiun", 560),
        ("Jember", 900),
        ("Banyuwangi", 1000),
    ],
    "Bali": [("Denpasar", 1050), ("Badung", 1060), ("Singaraja", 1100)],
    "Nusa Tenggara Barat": [("Mataram", 1200), ("Bima", 1600)],
    "Nusa Tenggara Timur": [("Kupang", 2000), ("Labuan Bajo", 1700), ("Ende", 1800), ("Maumere", 1850)],
    "Kalimantan Barat": [("Pontianak", 900), ("Singkawang", 1000)],
    "Kalimantan Tengah": [("Palangka Raya", 1100), ("Sampit", 1050)],
    "Kalimantan Selatan": [("Banjarbaru", 1070), ("Banjarmasin", 1050)],
    "Kalimantan Timur": [("Samarinda", 1450), ("Balikpapan", 1380), ("Bontang", 1500)],
    "Kalimantan Utara": [("Tanjung Selor", 1750), ("Tarakan", 1800)],
    "Sulawesi Utara": [("Manado", 2300), ("Bitung", 2340)],
    "Gorontalo": [("Gorontalo", 2150)],
    "Sulawesi Tengah": [("Palu", 1750), ("Luwuk", 2050)],
    "Sulawesi Barat": [("Mamuju", 1550)],
    "Sulawesi Selatan": [("Makassar", 1450), ("Parepare", 1550), ("Palopo", 1750)],
    "Sulawesi Tenggara": [("Kendari", 1750), ("Baubau", 1700)],
    "Maluku": [("Ambon", 2350), ("Tual", 2900)],
    "Maluku Utara": [("Sofifi", 2500), ("Ternate", 2450)],
    "Papua": [("Jayapura", 3800)],
    "Papua Barat": [("Manokwari", 3100)],
    "Papua Barat Daya": [("Sorong", 2950)],
    "Papua Selatan": [("Merauke", 3750)],
    "Papua Tengah": [("Nabire", 3300), ("Timika", 3350)],
    "Papua Pegunungan": [("Wamena", 3700)],
}


def shipping_seed_defaults(*, service_model=None, destination_model=None) -> tuple[int, int]:
    """Create the default services and destinations that are missing; never overwrite staff edits.

    Takes the model classes so that the data migration can pass its historical models. Returns how
    many services and destinations were created.
    """
    if service_model is None or destination_model is None:
        from shipping.models import Destination, ShippingService

        service_model, destination_model = ShippingService, Destination
    services = 0
    for order, (courier, code, name, base, per_kg, per_km, divisor, tolerance, min_days, max_days) in enumerate(
        SERVICES
    ):
        _, created = service_model.objects.get_or_create(
            courier=courier,
            code=code,
            defaults={
                "name": name,
                "base_price": base,
                "price_per_kg": per_kg,
                "price_per_km": per_km,
                "volumetric_divisor": divisor,
                "rounding_tolerance_grams": tolerance,
                "min_days": min_days,
                "max_days": max_days,
                "sort_order": order,
            },
        )
        services += created
    destinations = 0
    for province, cities in DESTINATIONS.items():
        for index, (city, distance) in enumerate(cities):
            _, created = destination_model.objects.get_or_create(
                province=province, city=city, defaults={"distance_km": distance, "is_capital": index == 0}
            )
            destinations += created
    return services, destinations
