"""Reviews by verified buyers: write (once per product), moderate (publish, hide with a reason),
reply, delete; the product's rating counters are recomputed on every one of those writes.

"Verified buyer" means an order of this buyer with a delivered line for the product or any product
of its variant family. The catalog does not import the orders app: it asks through the reverse
relation `Product.order_lines` that the orders app declares.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product, Review, ReviewPhoto, ReviewStatus
from hurtrock.images import image_reencode, image_validate, images_check_request_total

MAX_REVIEW_PHOTOS = 3
REVIEW_PHOTO_MAX_SIZE = 1200
DELIVERED = "delivered"  # orders.models.OrderStatus.DELIVERED, by value (no import of orders)


class ReviewError(Exception):
    def __init__(self, message: str, *, forbidden: bool = False):
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


def product_family_ids(product: Product) -> list[int]:
    root_id = product.parent_id or product.pk
    return [root_id, *Product.objects.filter(parent_id=root_id).values_list("pk", flat=True)]


def review_can_write(*, product: Product, user) -> bool:
    """True when `user` has a delivered line for the product's family and no review of it yet."""
    if not user.is_authenticated:
        return False
    family = product_family_ids(product)
    bought = Product.objects.filter(
        pk__in=family, order_lines__order__user=user, order_lines__order__status=DELIVERED
    ).exists()
    return bought and not Review.objects.filter(product=product, user=user).exists()


def _pictures(uploads) -> list[ContentFile]:
    uploads = [upload for upload in (uploads or []) if upload]
    if len(uploads) > MAX_REVIEW_PHOTOS:
        raise ReviewError(_("Add at most three photos."))
    try:
        validated = [image_validate(upload) for upload in uploads]
        images_check_request_total(validated)
    except ValidationError as error:
        raise ReviewError(" ".join(error.messages))
    pictures = []
    for picture in validated:
        encoded = image_reencode(picture, max_size=REVIEW_PHOTO_MAX_SIZE)
        pictures.append(ContentFile(encoded.content, name=f"review.{encoded.extension}"))
    return pictures


def product_rating_recompute(*, product_id: int) -> None:
    """Count and sum the published stars of a product into its counters, under its row lock."""
    Product.objects.select_for_update().filter(pk=product_id).only("pk").first()
    totals = Review.objects.filter(product_id=product_id, status=ReviewStatus.PUBLISHED).aggregate(
        count=Count("pk"), total=Sum("rating")
    )
    Product.objects.filter(pk=product_id).update(rating_count=totals["count"], rating_total=totals["total"] or 0)


@transaction.atomic
def review_create(*, product: Product, user, rating: int, text: str, photos=()) -> Review:
    """Raises ReviewError (forbidden=True for a buyer who may not review: nothing is saved)."""
    if not review_can_write(product=product, user=user):
        if user.is_authenticated and Review.objects.filter(product=product, user=user).exists():
            raise ReviewError(_("You have already reviewed this product."), forbidden=True)
        raise ReviewError(_("Only buyers whose order of this product was delivered can review it."), forbidden=True)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ReviewError(_("Choose from one to five stars."))
    if not (text or "").strip():
        raise ReviewError(_("Write a few words about the product."))
    pictures = _pictures(photos)
    review = Review.objects.create(product=product, user=user, rating=rating, text=text.strip()[:4000])
    for picture in pictures:
        photo = ReviewPhoto(review=review)
        photo.image.save(picture.name, picture, save=False)
        photo.save()
    return review


def _moderate(review: Review, *, status: str, reason: str = "") -> Review:
    locked = Review.objects.select_for_update().get(pk=review.pk)
    locked.status = status
    locked.hidden_reason = reason
    locked.moderated_at = timezone.now()
    locked.save(update_fields=["status", "hidden_reason", "moderated_at"])
    product_rating_recompute(product_id=locked.product_id)
    review.status, review.hidden_reason, review.moderated_at = locked.status, reason, locked.moderated_at
    return locked


@transaction.atomic
def review_publish(*, review: Review, user=None) -> Review:
    return _moderate(review, status=ReviewStatus.PUBLISHED)


@transaction.atomic
def review_hide(*, review: Review, reason: str, user=None) -> Review:
    if not (reason or "").strip():
        raise ReviewError(_("Say why the review is hidden."))
    return _moderate(review, status=ReviewStatus.HIDDEN, reason=reason.strip())


@transaction.atomic
def review_reply(*, review: Review, text: str, user=None) -> Review:
    Review.objects.filter(pk=review.pk).update(reply=(text or "").strip(), replied_at=timezone.now())
    review.refresh_from_db()
    return review


@transaction.atomic
def review_delete(*, review: Review) -> None:
    product_id = review.product_id
    for photo in review.photos.all():
        photo.image.delete(save=False)
    review.delete()
    product_rating_recompute(product_id=product_id)


@transaction.atomic
def reviews_moderate_bulk(*, reviews, status: str, reason: str = "") -> int:
    """The admin's bulk actions: publish or hide a selection, recomputing each product once."""
    ids = list(reviews.values_list("pk", flat=True))
    Review.objects.filter(pk__in=ids).update(status=status, hidden_reason=reason, moderated_at=timezone.now())
    for product_id in sorted(set(Review.objects.filter(pk__in=ids).values_list("product_id", flat=True))):
        product_rating_recompute(product_id=product_id)
    return len(ids)
