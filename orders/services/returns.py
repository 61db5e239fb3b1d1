"""Returns of delivered goods: request, approve or reject, receive (restock or write off).

Every step locks the return row, checks `RETURN_TRANSITIONS`, writes an `OrderEvent` the buyer
sees on the order page, and e-mails the buyer after commit. Restocking goes through the inventory
ledger with reason "return"; the status check under the row lock makes it happen exactly once
even when staff submit "received" twice at the same moment. The money is paid back by
`payments.services.returns.return_refund` (payments knows the gateways; orders does not).
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Sum, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from hurtrock.images import image_reencode, image_validate, images_check_request_total
from inventory.models import StockMovement
from inventory.services import stock_release
from orders.errors import OrderError
from orders.models import (
    OrderEvent,
    OrderStatus,
    ReturnDisposition,
    ReturnLine,
    ReturnPhoto,
    ReturnRequest,
    ReturnStatus,
)
from orders.models_returns import OPEN_RETURN_STATUSES

MAX_RETURN_PHOTOS = 3
RETURN_PHOTO_MAX_SIZE = 1600


class ReturnError(OrderError):
    """A return that cannot be made or moved as asked; `message` is fit to show."""


@dataclass(frozen=True)
class ReturnLineRequest:
    order_line_id: int
    quantity: int


def return_window_days() -> int:
    return int(getattr(settings, "RETURN_WINDOW_DAYS", 14))


def return_deadline(order):
    """The last moment a return may be requested, or None when the order was never delivered."""
    if order.status != OrderStatus.DELIVERED or order.delivered_at is None:
        return None
    return order.delivered_at + timedelta(days=return_window_days())


def returnable_quantities(order) -> dict[int, int]:
    """Per order line id: how many units may still be returned (bought minus open returns)."""
    taken = dict(
        ReturnLine.objects.filter(order_line__order=order, return_request__status__in=OPEN_RETURN_STATUSES)
        .values("order_line")
        .annotate(total=Sum("quantity"))
        .values_list("order_line", "total")
    )
    return {line.pk: line.quantity - taken.get(line.pk, 0) for line in order.lines.all()}


def _photos_encode(uploads) -> list[ContentFile]:
    uploads = list(uploads or [])
    if len(uploads) > MAX_RETURN_PHOTOS:
        raise ReturnError(_("Add at most three photos."))
    try:
        validated = [image_validate(upload) for upload in uploads]
        images_check_request_total(validated)
    except ValidationError as error:
        raise ReturnError(" ".join(error.messages))
    pictures = []
    for picture in validated:
        encoded = image_reencode(picture, max_size=RETURN_PHOTO_MAX_SIZE)
        pictures.append(ContentFile(encoded.content, name=f"return.{encoded.extension}"))
    return pictures


def _event(request: ReturnRequest, *, note: str, user) -> None:
    order = request.order
    # Written for the buyer (the return's steps and the staff's answer): shown on the order page.
    OrderEvent.objects.create(
        order=order, user=user, from_status=order.status, to_status=order.status, note=note, note_is_public=True
    )
    from orders.tasks import return_email_send_task

    transaction.on_commit(partial(return_email_send_task.enqueue, request.pk, request.status))


def _lock(return_request: ReturnRequest) -> ReturnRequest:
    return ReturnRequest.objects.select_for_update().select_related("order").get(pk=return_request.pk)


def _move(locked: ReturnRequest, to_status: str) -> None:
    if to_status not in locked.allowed_transitions:
        raise ReturnError(
            _("This return is “%(status)s” and cannot be moved to “%(to)s”.")
            % {"status": locked.get_status_display(), "to": ReturnStatus(to_status).label}
        )
    locked.status = to_status


def _copy_back(target: ReturnRequest, locked: ReturnRequest) -> ReturnRequest:
    for name in ("status", "staff_note", "disposition", "decided_at", "received_at", "refunded_at", "refunded_amount"):
        setattr(target, name, getattr(locked, name))
    return locked


@transaction.atomic
def return_request_create(*, order, user, lines: list[ReturnLineRequest], reason: str, photos=()) -> ReturnRequest:
    """The buyer asks to send `lines` back. Raises ReturnError (nothing saved) when the order is not
    theirs, not delivered, past the window, or a quantity exceeds what is left to return."""
    from orders.models import Order

    pictures = _photos_encode(photos)
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.user_id != user.pk:
        raise ReturnError(_("Only the buyer can return this order."))
    deadline = return_deadline(order)
    if deadline is None:
        raise ReturnError(_("Only a delivered order can be returned."))
    if timezone.now() > deadline:
        raise ReturnError(
            _("Returns are accepted within %(days)s days of delivery; this order's window has closed.")
            % {"days": return_window_days()}
        )
    if not (reason or "").strip():
        raise ReturnError(_("Tell us why you are returning the goods."))
    left = returnable_quantities(order)
    wanted: dict[int, int] = {}
    for line in lines:
        if isinstance(line.quantity, bool) or not isinstance(line.quantity, int) or line.quantity < 0:
            raise ReturnError(_("Quantities must be whole numbers."))
        if line.quantity == 0:
            continue
        if line.order_line_id not in left:
            raise ReturnError(_("That item is not part of this order."))
        wanted[line.order_line_id] = wanted.get(line.order_line_id, 0) + line.quantity
    if not wanted:
        raise ReturnError(_("Choose at least one item to return."))
    for line_id, quantity in wanted.items():
        if quantity > left[line_id]:
            raise ReturnError(_("You can return at most %(left)s of that item.") % {"left": max(left[line_id], 0)})
    order_lines = {line.pk: line for line in order.lines.all()}
    amount = sum(order_lines[line_id].unit_price * quantity for line_id, quantity in wanted.items())
    # The whole order going back (nothing left after this one): the shipping is refunded too.
    whole = (
        all(left[pk] - wanted.get(pk, 0) == 0 for pk in left)
        and not ReturnRequest.objects.filter(order=order, status__in=OPEN_RETURN_STATUSES).exists()
    )
    discount = getattr(order, "discount", 0) or 0
    if whole:
        amount = order.total  # everything back: what the buyer paid, shipping included, less any discount
    elif discount and order.subtotal:
        # A voucher lowered what was paid for the goods: refund each unit's share of it (rounded down).
        amount = amount * max(order.subtotal - discount, 0) // order.subtotal
    request = ReturnRequest.objects.create(
        order=order, user=user, reason=reason.strip(), includes_shipping=whole, refund_amount=amount
    )
    ReturnLine.objects.bulk_create(
        ReturnLine(return_request=request, order_line_id=line_id, quantity=quantity)
        for line_id, quantity in wanted.items()
    )
    for picture in pictures:
        photo = ReturnPhoto(return_request=request)
        photo.image.save(picture.name, picture, save=False)
        photo.save()
    _event(request, note=_("Return requested: %(reason)s") % {"reason": request.reason}, user=user)
    return request


@transaction.atomic
def return_approve(*, return_request: ReturnRequest, user, note: str = "") -> ReturnRequest:
    locked = _lock(return_request)
    _move(locked, ReturnStatus.APPROVED)
    locked.staff_note = (note or "").strip()
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "staff_note", "decided_at", "updated_at"])
    text = _("Return approved: please send the goods back to the store.")
    _event(locked, note=f"{text} {locked.staff_note}".strip(), user=user)
    return _copy_back(return_request, locked)


@transaction.atomic
def return_reject(*, return_request: ReturnRequest, user, note: str) -> ReturnRequest:
    if not (note or "").strip():
        raise ReturnError(_("Say why the return is rejected: the buyer reads it."))
    locked = _lock(return_request)
    _move(locked, ReturnStatus.REJECTED)
    locked.staff_note = note.strip()
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "staff_note", "decided_at", "updated_at"])
    _event(locked, note=_("Return rejected: %(note)s") % {"note": locked.staff_note}, user=user)
    return _copy_back(return_request, locked)


def _units_sold_take_back(lines: list[tuple[int, int]]) -> None:
    """Returned units were not sold after all: "N sold" on the product page goes down (never below 0)."""
    for product_id, quantity in lines:
        Product.objects.filter(pk=product_id).update(units_sold=Greatest(F("units_sold") - Value(quantity), Value(0)))


@transaction.atomic
def return_receive(*, return_request: ReturnRequest, user, disposition: str, note: str = "") -> ReturnRequest:
    """The goods are back. Restock writes one ledger movement per product (reason "return");
    a second call, even at the same moment, finds the return already received and changes nothing."""
    if disposition not in ReturnDisposition.values:
        raise ReturnError(_("Choose whether the goods go back in stock or are written off."))
    locked = _lock(return_request)
    _move(locked, ReturnStatus.RECEIVED)
    locked.disposition = disposition
    locked.received_at = timezone.now()
    if note.strip():
        locked.staff_note = note.strip()
    locked.save(update_fields=["status", "disposition", "received_at", "staff_note", "updated_at"])
    lines = [(line.order_line.product_id, line.quantity) for line in locked.lines.select_related("order_line")]
    _units_sold_take_back(lines)
    if disposition == ReturnDisposition.RESTOCK:
        stock_release(
            lines=lines,
            reference=f"return:{locked.order.number}:{locked.pk}",
            user=user,
            reason=StockMovement.Reason.RETURN,
        )
        text = _("Return received; the goods are back in stock. The refund follows.")
    else:
        text = _("Return received. The refund follows.")
    _event(locked, note=text, user=user)
    return _copy_back(return_request, locked)


@transaction.atomic
def return_refund_begin(*, return_request: ReturnRequest) -> ReturnRequest:
    """Claim the refund of a received return (status "refunding"): only one caller wins."""
    locked = _lock(return_request)
    _move(locked, ReturnStatus.REFUNDING)
    locked.save(update_fields=["status", "updated_at"])
    return _copy_back(return_request, locked)


@transaction.atomic
def return_refund_finish(*, return_request: ReturnRequest, refunded: int, user, note: str) -> ReturnRequest:
    locked = _lock(return_request)
    _move(locked, ReturnStatus.REFUNDED)
    locked.refunded_amount = refunded
    locked.refunded_at = timezone.now()
    locked.save(update_fields=["status", "refunded_amount", "refunded_at", "updated_at"])
    _event(locked, note=note, user=user)
    return _copy_back(return_request, locked)


@transaction.atomic
def return_refund_abandon(*, return_request: ReturnRequest, user, message: str, refunded: int) -> ReturnRequest:
    """The gateway refused: back to "received" (staff may try again), keeping what was paid so far."""
    locked = _lock(return_request)
    _move(locked, ReturnStatus.RECEIVED)
    locked.refunded_amount = refunded
    locked.save(update_fields=["status", "refunded_amount", "updated_at"])
    OrderEvent.objects.create(
        order=locked.order,
        user=user,
        from_status=locked.order.status,
        to_status=locked.order.status,
        note=_("Refund of the return failed: %(message)s") % {"message": message},
        note_is_public=True,
    )
    return _copy_back(return_request, locked)
