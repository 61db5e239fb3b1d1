"""Catalog data: a category tree and products.

The purchasable unit is one Product row: the cart, order lines and the stock ledger point at it.
Variants (finish, colour, string gauge) are child products of a parent product (`parent`), each
with its own SKU, price and stock, as django-oscar does.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
    sort_order = models.PositiveIntegerField(_("order"), default=0)
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
    supplier = models.ForeignKey(
        "inventory.Supplier",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="variants",
        help_text=_("Set for a variant (finish, colour, gauge) of another product."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_featured = models.BooleanField(_("featured"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock_quantity__gte=0), name="product_stock_not_negative"),
            models.CheckConstraint(condition=Q(price__gte=0), name="product_price_not_negative"),
        ]
        indexes = [
            models.Index(fields=["is_active", "category"], name="product_active_category"),
            models.Index(fields=["is_active", "price"], name="product_active_price"),
            models.Index(fields=["is_active", "is_featured"], name="product_active_featured"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:product_detail_slug", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_in_stock(self) -> bool:
        return self.stock_quantity > 0

    @property
    def is_low_stock(self) -> bool:
        return self.stock_quantity <= self.low_stock_threshold
