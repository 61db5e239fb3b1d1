"""Vouchers and flash-sale quotas at checkout: evaluate, take atomically, give back once.

`voucher_evaluate` says what a code is worth on a cart or gives the reason it is refused (the same
function runs for the cart preview and, with the voucher row locked, inside `order_place`, so a
preview and the charge never disagree). With the row locked, the usage checks and the increment of
`times_used` cannot interleave with another buyer's: 30 buyers racing for 5 uses get exactly 5.
Flash quotas are taken with a conditional UPDATE (catalog.services.flash_sales). Everything taken is
recorded (`VoucherUse`, `FlashSaleUse`) and given back once when the order is cancelled or expires.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.pricing import Price, PriceKind
from catalog.selectors import category_descendant_ids
from catalog.services.flash_sales import flash_quota_give_back, flash_quota_take, flash_quota_take_again
from hurtrock.templatetags.rupiah import format_rupiah
from orders.errors import PromotionUnavailable, VoucherRefused
from orders.vouchers import FlashSaleUse, Voucher, VoucherKind, VoucherUse

CODE_MAX_LENGTH = 40


class VoucherRefusal:
    """Why a voucher is refused (stable codes for tests and the JSON answers)."""

    UNKNOWN = "unknown"
    INACTIVE = "inactive"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    MINIMUM_NOT_MET = "minimum_not_met"
    USED_UP = "used_up"
    BUYER_LIMIT = "buyer_limit"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class PricedLine:
    product: object
    quantity: int
    price: Price

    @property
    def line_total(self) -> int:
        return self.price.amount * self.quantity


@dataclass(frozen=True)
class VoucherDiscount:
    voucher: Voucher
    amount: int
    description: str
    eligible_subtotal: int = 0

    def amount_with_shipping(self, shipping_cost: int) -> int:
        """The discount if shipping cost this much (the checkout's per-courier totals)."""
        return voucher_discount_amount(
            voucher=self.voucher, eligible_subtotal=self.eligible_subtotal, shipping_cost=shipping_cost
        )


def voucher_code_clean(code) -> str:
    return str(code or "").strip().upper()[:CODE_MAX_LENGTH]


def _refuse(reason: str, message: str):
    raise VoucherRefused(reason=reason, message=message)


def _buyer_uses(user):
    if user is None or not user.is_authenticated:
        return Value(0)
    uses = (
        VoucherUse.objects.filter(voucher=OuterRef("pk"), user=user, released_at__isnull=True)
        .order_by()
        .values("voucher")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(uses, output_field=IntegerField())


def _eligible(voucher: Voucher, lines: list[PricedLine]) -> list[PricedLine]:
    category_ids = list(voucher.categories.values_list("pk", flat=True)) if voucher.has_categories else []
    product_ids = set(voucher.products.values_list("pk", flat=True)) if voucher.has_products else set()
    brands = {brand.strip().casefold() for brand in voucher.brands.split(",") if brand.strip()}
    if not (category_ids or product_ids or brands):
        return list(lines)
    allowed_categories: set[int] = set()
    for category_id in category_ids:
        allowed_categories |= category_descendant_ids(category_id=category_id)
    return [
        line
        for line in lines
        if line.product.pk in product_ids
        or (line.product.parent_id is not None and line.product.parent_id in product_ids)
        or line.product.category_id in allowed_categories
        or line.product.brand.strip().casefold() in brands
    ]


def voucher_evaluate(
    *, code: str, user, lines: list[PricedLine], shipping_cost: int, now: datetime | None = None, lock: bool = False
) -> VoucherDiscount:
    """The discount `code` gives on these lines and shipping, or VoucherRefused with the reason.

    `lock=True` (inside order_place's transaction) locks the voucher row until commit.
    """
    now = now or timezone.now()
    code = voucher_code_clean(code)
    vouchers = Voucher.objects.annotate(
        # One query for the voucher, whether it has eligibility lists and the buyer's uses.
        has_categories=Exists(Voucher.categories.through.objects.filter(voucher=OuterRef("pk"))),
        has_products=Exists(Voucher.products.through.objects.filter(voucher=OuterRef("pk"))),
        buyer_uses=_buyer_uses(user),
    )
    if lock:
        vouchers = vouchers.select_for_update(of=("self",))
    voucher = vouchers.filter(code=code).first() if code else None
    if voucher is None:
        _refuse(VoucherRefusal.UNKNOWN, _("There is no voucher with this code."))
    if not voucher.is_active:
        _refuse(VoucherRefusal.INACTIVE, _("This voucher is no longer valid."))
    if voucher.starts_at is not None and now < voucher.starts_at:
        _refuse(
            VoucherRefusal.NOT_YET_VALID,
            _("This voucher is valid from %(date)s.")
            % {"date": timezone.localtime(voucher.starts_at).strftime("%d-%m-%Y %H:%M")},
        )
    if voucher.ends_at is not None and now >= voucher.ends_at:
        _refuse(VoucherRefusal.EXPIRED, _("This voucher has expired."))
    if voucher.usage_limit is not None and voucher.times_used >= voucher.usage_limit:
        _refuse(VoucherRefusal.USED_UP, _("This voucher has been used up."))
    if voucher.per_buyer_limit is not None and (voucher.buyer_uses or 0) >= voucher.per_buyer_limit:
        _refuse(VoucherRefusal.BUYER_LIMIT, _("You have already used this voucher."))
    eligible = _eligible(voucher, lines)
    if not eligible:
        _refuse(VoucherRefusal.NOT_ELIGIBLE, _("This voucher does not apply to the products in your cart."))
    eligible_subtotal = sum(line.line_total for line in eligible)
    if eligible_subtotal < voucher.min_subtotal:
        _refuse(
            VoucherRefusal.MINIMUM_NOT_MET,
            _("This voucher needs a subtotal of at least %(amount)s on eligible products.")
            % {"amount": format_rupiah(voucher.min_subtotal)},
        )
    amount = voucher_discount_amount(voucher=voucher, eligible_subtotal=eligible_subtotal, shipping_cost=shipping_cost)
    names = ", ".join(line.product.name for line in eligible)
    description = f"{voucher.description or voucher.get_kind_display()} · {names}"[:255]
    return VoucherDiscount(voucher=voucher, amount=amount, description=description, eligible_subtotal=eligible_subtotal)


def voucher_discount_amount(*, voucher: Voucher, eligible_subtotal: int, shipping_cost: int) -> int:
    """Whole rupiah, rounded down; never more than the eligible items (or the shipping) cost."""
    if voucher.kind == VoucherKind.FREE_SHIPPING:
        return max(0, min(voucher.value, shipping_cost))
    if voucher.kind == VoucherKind.PERCENTAGE:
        amount = eligible_subtotal * min(voucher.value, 100) // 100
        if voucher.max_discount is not None:
            amount = min(amount, voucher.max_discount)
    else:
        amount = voucher.value
    return max(0, min(amount, eligible_subtotal))


def voucher_use_take(*, discount: VoucherDiscount, order, user) -> None:
    """Count one use (the voucher row is locked by voucher_evaluate(lock=True)) and record it."""
    voucher = discount.voucher
    counted = Voucher.objects.filter(
        Q(usage_limit__isnull=True) | Q(times_used__lt=F("usage_limit")), pk=voucher.pk
    ).update(times_used=F("times_used") + 1)
    if not counted:
        _refuse(VoucherRefusal.USED_UP, _("This voucher has been used up."))
    VoucherUse.objects.create(voucher=voucher, order=order, user=user, discount=discount.amount)


def flash_quotas_take(*, order, lines: list[PricedLine], now: datetime) -> None:
    """Take the flash quota of every flash-priced line, or raise PromotionUnavailable (all rolled back)."""
    uses = []
    for line in lines:
        if line.price.kind != PriceKind.FLASH:
            continue
        product = line.product
        if not flash_quota_take(product_id=product.pk, quantity=line.quantity, flash_price=line.price.amount, now=now):
            raise PromotionUnavailable(
                product=product,
                requested=line.quantity,
                available=0,
                message=_(
                    "The flash sale of %(product)s has just sold out or ended. Please review the new price in your cart."
                )
                % {"product": product.name},
            )
        uses.append(
            FlashSaleUse(
                order=order,
                product=product,
                quantity=line.quantity,
                unit_price=line.price.amount,
                flash_starts_at=product.flash_starts_at,
            )
        )
    if uses:
        FlashSaleUse.objects.bulk_create(uses)


def promotions_give_back(*, order, now: datetime | None = None) -> None:
    """A cancelled or expired order returns its voucher use and flash units, once (`released_at`)."""
    now = now or timezone.now()
    released = VoucherUse.objects.filter(order=order, released_at__isnull=True)
    for use in released.select_for_update():
        Voucher.objects.filter(pk=use.voucher_id).update(times_used=Greatest(F("times_used") - 1, 0))
    released.update(released_at=now)
    flash = FlashSaleUse.objects.filter(order=order, released_at__isnull=True)
    for use in flash.select_for_update():
        flash_quota_give_back(product_id=use.product_id, quantity=use.quantity, flash_starts_at=use.flash_starts_at)
    flash.update(released_at=now)


def promotions_take_again(*, order) -> None:
    """An expired order paid after all counts its voucher use and flash units again (it has paid)."""
    for use in VoucherUse.objects.filter(order=order, released_at__isnull=False).select_related("voucher"):
        limit = use.voucher.usage_limit
        grown = F("times_used") + 1
        Voucher.objects.filter(pk=use.voucher_id).update(times_used=grown if limit is None else Least(grown, limit))
    VoucherUse.objects.filter(order=order).update(released_at=None)
    for use in FlashSaleUse.objects.filter(order=order, released_at__isnull=False):
        flash_quota_take_again(product_id=use.product_id, quantity=use.quantity, flash_starts_at=use.flash_starts_at)
    FlashSaleUse.objects.filter(order=order).update(released_at=None)


def voucher_preview(*, code: str, user, cart_lines, shipping_cost: int) -> tuple[VoucherDiscount | None, str]:
    """The voucher's discount on a cart (no lock, nothing written), or its refusal message."""
    if not voucher_code_clean(code):
        return None, ""
    lines = [PricedLine(line.product, line.quantity, line.price) for line in cart_lines]
    try:
        return voucher_evaluate(code=code, user=user, lines=lines, shipping_cost=shipping_cost), ""
    except VoucherRefused as refusal:
        return None, refusal.message
