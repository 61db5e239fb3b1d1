"""Catalog data: a category tree, products and their images.

The purchasable unit is one Product row: the cart, order lines and the stock ledger point at it.
Variants (finish, colour, string gauge) are child products of a parent product (`parent`), each
with its own SKU, price and stock, as django-oscar does.

On PostgreSQL the product table also carries a `search_vector` tsvector column kept up to date by a
trigger (migration 0003). It is not a model field on purpose: SQLite has no such type, and nothing
but the search selector reads it.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.specs import specs_pairs, validate_specifications


class Category(models.Model):
    """A node of the category tree (adjacency list: `parent`)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(_("image"), upload_to="categories/", blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="category_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('catalog:product_list')}?category={self.slug}"


class Product(models.Model):
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    brand = models.CharField(_("brand"), max_length=80, db_index=True)
    model_name = models.CharField(_("model"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    specifications = models.JSONField(
        _("specifications"),
        default=list,
        blank=True,
        help_text=_('Ordered key/value pairs, e.g. [["Body", "Mahogany"], ["Frets", "22"]].'),
        validators=[validate_specifications],
    )
    price = models.PositiveBigIntegerField(_("price (Rp)"), help_text=_("Whole rupiah."))
    stock_quantity = models.PositiveIntegerField(_("stock"), default=0)
    low_stock_threshold = models.PositiveIntegerField(_("low-stock threshold"), default=3)
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    length_cm = models.DecimalField(_("length (cm)"), max_digits=6, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(_("width (cm)"), max_digits=6, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(_("height (cm)"), max_digits=6, decimal_places=1, null=True, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    # Suppliers and their prices belong to inventory (inventory.SupplierProduct): catalog knows nothing of them.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="variants",
        help_text=_("Set for a variant (finish, colour, gauge) of another product."),
    )
    # Promotions (catalog/pricing.py turns these into the price a shopper pays right now).
    compare_at_price = models.PositiveBigIntegerField(
        _("compare-at price (Rp)"),
        null=True,
        blank=True,
        help_text=_("The old price shown struck through during a sale; empty uses the price above."),
    )
    sale_price = models.PositiveBigIntegerField(_("sale price (Rp)"), null=True, blank=True)
    sale_starts_at = models.DateTimeField(_("sale starts"), null=True, blank=True)
    sale_ends_at = models.DateTimeField(_("sale ends"), null=True, blank=True)
    flash_price = models.PositiveBigIntegerField(_("flash-sale price (Rp)"), null=True, blank=True)
    flash_starts_at = models.DateTimeField(_("flash sale starts"), null=True, blank=True)
    flash_ends_at = models.DateTimeField(_("flash sale ends"), null=True, blank=True)
    flash_quota = models.PositiveIntegerField(
        _("flash-sale quota"), null=True, blank=True, help_text=_("Units sold at the flash price, at most.")
    )
    flash_units_sold = models.PositiveIntegerField(
        _("flash-sale units sold"),
        default=0,
        db_default=0,
        editable=False,
        help_text=_("Taken atomically when an order is placed, given back when it is cancelled or expires."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_featured = models.BooleanField(_("featured"), default=False)
    units_sold = models.PositiveIntegerField(
        _("units sold"),
        default=0,
        db_default=0,  # rows written without the field (older migrations' models, raw SQL) start at 0
        editable=False,
        help_text=_("Maintained by the orders app (an F() increment when an order is paid); drives best-selling."),
    )
    average_cost = models.PositiveBigIntegerField(
        _("average cost (Rp)"),
        default=0,
        db_default=0,
        editable=False,
        help_text=_("Moving average of the unit cost over the stock received (inventory keeps it); 0 = not known yet."),
    )
    # Published reviews, aggregated on write by catalog.services.reviews (cards need no query).
    rating_count = models.PositiveIntegerField(_("reviews"), default=0, db_default=0, editable=False)
    rating_total = models.PositiveIntegerField(_("sum of stars"), default=0, db_default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock_quantity__gte=0), name="product_stock_not_negative"),
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(
                condition=Q(flash_units_sold__lte=models.F("flash_quota")),
                name="product_flash_within_quota",
                violation_error_message=_("The flash-sale quota cannot be lower than the units already sold."),
            ),
        ]
        indexes = [
            models.Index(fields=["is_active", "category"], name="product_active_category"),
            models.Index(fields=["is_active", "price"], name="product_active_price"),
            models.Index(fields=["is_active", "is_featured"], name="product_active_featured"),
            models.Index(fields=["is_active", "units_sold"], name="product_active_units_sold"),
            # The "name" and default "newest" sorts of the product list (make bench).
            models.Index(fields=["is_active", "name", "id"], name="product_active_name"),
            models.Index(fields=["is_active", "-created_at", "-id"], name="product_active_newest"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:product_detail_slug", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def unit_margin(self) -> int | None:
        """Price minus average cost, whole rupiah; None while the cost is not known."""
        return self.price - self.average_cost if self.average_cost else None

    @property
    def margin_percent(self):
        """Margin as a share of the price (Decimal, one place); None while the cost is not known."""
        if not self.average_cost or not self.price:
            return None
        return (Decimal(self.price - self.average_cost) * 100 / Decimal(self.price)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def specifications_pairs(self) -> list[tuple[str, str]]:
        return specs_pairs(self.specifications)

    @property
    def rating_average(self) -> float | None:
        """The mean of the published stars, one decimal; None before the first review."""
        return round(self.rating_total / self.rating_count, 1) if self.rating_count else None

    @property
    def is_in_stock(self) -> bool:
        return self.stock_quantity > 0

    @property
    def is_low_stock(self) -> bool:
        return self.stock_quantity <= self.low_stock_threshold

    @property
    def main_image(self):
        """The main image, read from a prefetch when there is one (selectors prefetch it)."""
        prefetched = getattr(self, "prefetched_main_images", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        images = list(self.images.all())  # no query when the detail selector prefetched the gallery
        return next((image for image in images if image.is_main), images[0] if images else None)


class ProductImage(models.Model):
    """One picture of a product, stored only as web-sized variants made by the image pipeline.

    The uploaded original is validated, re-encoded and thrown away (catalog/images.py): what is
    served never carries the uploader's metadata or an unchecked file.
    """

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="images")
    display = models.ImageField(_("display image"), upload_to="products/", max_length=255)
    thumbnail = models.ImageField(_("thumbnail"), upload_to="products/", max_length=255)
    width = models.PositiveIntegerField(_("width"), default=0, help_text=_("Of the display image, in pixels."))
    height = models.PositiveIntegerField(_("height"), default=0, help_text=_("Of the display image, in pixels."))
    thumbnail_width = models.PositiveIntegerField(_("thumbnail width"), default=0)
    alt_text = models.CharField(
        _("alternative text"), max_length=200, blank=True, help_text=_("Describes the picture; empty uses the name.")
    )
    sort_order = models.PositiveIntegerField(_("position"), default=0)
    is_main = models.BooleanField(_("main image"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("product image")
        verbose_name_plural = _("product images")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=Q(is_main=True), name="product_image_one_main_per_product"
            ),
        ]

    def __str__(self):
        return self.alt_text or f"{self.product} #{self.sort_order}"

    @property
    def srcset(self) -> str:
        """`srcset` value: the thumbnail and the display size with their real widths."""
        return f"{self.thumbnail.url} {self.thumbnail_width or 400}w, {self.display.url} {self.width or 1200}w"


# Reviews and the wishlist live in their own module; imported here so Django registers them.
from catalog.models_reviews import (  # noqa: E402
    PriceDropNotice,
    Review,
    ReviewPhoto,
    ReviewStatus,
    StockAlert,
    WishlistItem,
)
from catalog.models_variants import VariantOption, VariantOptionKind, VariantOptionValue  # noqa: E402
from catalog.search_models import SearchTerm, SynonymGroup  # noqa: E402 - search tables (catalog/search_models.py)

__all__ = [
    "Category",
    "PriceDropNotice",
    "Product",
    "ProductImage",
    "Review",
    "ReviewPhoto",
    "ReviewStatus",
    "SearchTerm",
    "StockAlert",
    "SynonymGroup",
    "VariantOption",
    "VariantOptionKind",
    "VariantOptionValue",
    "WishlistItem",
]
