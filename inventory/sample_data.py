"""Sample suppliers and supplier prices (`manage.py load_sample_data`), idempotent like the catalog's.

Every sample product (SKU HR-…) gets one preferred supplier, chosen by its brand, at a cost price of
60 % of its selling price, with a lead time of 7–20 days.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef

from catalog.models import Product
from inventory.models import Supplier, SupplierProduct

SUPPLIERS = [
    ("PT Melodi Nusantara Distribusi", "Andi Wijaya", "sales@melodinusantara.co.id", "021-555-0101", "Jakarta Barat"),
    ("CV Distorsi Jaya", "Rina Hartono", "order@distorsijaya.id", "022-555-0202", "Kota Bandung"),
    ("PT Sinar Musik Indonesia", "Budi Santoso", "cs@sinarmusik.co.id", "031-555-0303", "Surabaya"),
    ("Global Backline Supply Pte Ltd", "Mei Lin Tan", "apac@globalbackline.sg", "+65 6555 0404", "Singapore"),
    ("PT Ritme Perkusi Abadi", "Dimas Pratama", "halo@ritmeperkusi.id", "024-555-0505", "Semarang"),
    ("CV Kabel & Senar Bandung", "Yusuf Maulana", "toko@kabelsenar.id", "022-555-0606", "Kota Bandung"),
]

BATCH = 1000


@transaction.atomic
def sample_suppliers_ensure() -> list[Supplier]:
    suppliers = []
    for name, person, email, phone, city in SUPPLIERS:
        supplier, _created = Supplier.objects.get_or_create(
            name=name,
            defaults={"company": name, "contact_person": person, "email": email, "phone": phone, "address": city},
        )
        suppliers.append(supplier)
    return suppliers


def sample_supplier_prices_ensure(*, suppliers: list[Supplier]) -> int:
    """A preferred supplier price for each sample product that has none; returns how many were written."""
    if not suppliers:
        return 0
    products = (
        Product.objects.filter(sku__startswith="HR-")
        .exclude(Exists(SupplierProduct.objects.filter(product=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "sku", "brand", "price")
    )
    rows = [
        SupplierProduct(
            supplier=suppliers[sum(map(ord, brand)) % len(suppliers)],
            product_id=pk,
            supplier_sku=f"S-{sku}",
            cost_price=price * 60 // 100,
            lead_time_days=7 + pk % 14,
            is_preferred=True,
        )
        for pk, sku, brand, price in products
    ]
    with transaction.atomic():
        SupplierProduct.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
