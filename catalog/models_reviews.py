"""After the sale, on the catalog side: verified-buyer reviews, wishlists and back-in-stock alerts.

Reviews start "pending"; staff publish or hide them (with a reason) and may reply publicly. Only
published reviews count in `Product.rating_count` / `rating_total`, which the review services keep
up to date on every write (so product cards show the rating without a query of their own).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import Product


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class Review(models.Model):
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="reviews")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("review"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus, default=ReviewStatus.PENDING, db_index=True
    )
    hidden_reason = models.TextField(_("why it is hidden"), blank=True, max_length=1000)
    reply = models.TextField(_("the store's reply"), blank=True, max_length=2000)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        permissions = [("moderate_review", _("Can publish, hide and reply to reviews"))]
        constraints = [
            models.UniqueConstraint(fields=["product", "user"], name="review_once_per_product"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.HIDDEN) | ~Q(hidden_reason=""), name="review_hidden_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["product", "status", "-created_at"], name="review_product_status")]

    def __str__(self):
        return f"{self.product_id} · {self.rating}★"


def _review_photo_path(instance, filename):
    return f"reviews/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class ReviewPhoto(models.Model):
    """A buyer's picture, re-encoded by the image pipeline (no metadata); public once published."""

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=_review_photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")
        ordering = ["id"]

    def __str__(self):
        return self.image.name


class WishlistItem(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="wishlist_items"
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="+")
    price_when_added = models.PositiveBigIntegerField(_("price when added (Rp)"))
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        ordering = ["-added_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="wishlist_once_per_product")]

    def __str__(self):
        return f"{self.user_id} ♥ {self.product_id}"


class StockAlert(models.Model):
    """“Tell me when it is back”: one e-mail when stock returns, then `notified_at` is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), on_delete=models.CASCADE, related_name="stock_alerts"
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    notified_at = models.DateTimeField(_("told"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("back-in-stock alert")
        verbose_name_plural = _("back-in-stock alerts")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="stockalert_once_per_product")]

    def __str__(self):
        return f"{self.user_id} ⏰ {self.product_id}"


class PriceDropNotice(models.Model):
    """When wishlists were last told of a lower price for a product (at most one e-mail a week)."""

    product = models.OneToOneField(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    price = models.PositiveBigIntegerField(_("price announced (Rp)"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("price-drop notice")
        verbose_name_plural = _("price-drop notices")

    def __str__(self):
        return f"{self.product_id} @ {self.price}"
