"""Back-office writes of vouchers: bulk creation of unique single-use codes."""

import secrets

from django.db import IntegrityError, transaction

from orders.services.checkout import ORDER_NUMBER_ALPHABET
from orders.vouchers import Voucher

CODE_RANDOM_LENGTH = 8
BULK_MAX = 1000


@transaction.atomic
def vouchers_generate(*, template: Voucher, count: int, prefix: str = "") -> list[Voucher]:
    """`count` copies of `template` (same rules and eligibility), each with its own random code, one
    use in total and one per buyer. Codes use the unambiguous alphabet of order numbers."""
    count = max(1, min(int(count), BULK_MAX))
    prefix = (prefix or template.code).strip().upper()[:20]
    categories = list(template.categories.all())
    products = list(template.products.all())
    created = []
    while len(created) < count:
        code = f"{prefix}-" + "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(CODE_RANDOM_LENGTH))
        voucher = Voucher(
            code=code,
            description=template.description,
            kind=template.kind,
            value=template.value,
            max_discount=template.max_discount,
            min_subtotal=template.min_subtotal,
            brands=template.brands,
            starts_at=template.starts_at,
            ends_at=template.ends_at,
            usage_limit=1,
            per_buyer_limit=1,
            is_active=template.is_active,
        )
        try:
            with transaction.atomic():
                voucher.save(force_insert=True)
        except IntegrityError:
            continue  # the code exists: draw another
        voucher.categories.set(categories)
        voucher.products.set(products)
        created.append(voucher)
    return created
