"""Shipping data: courier services with their tariff parameters, and destinations with distances."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Courier(models.TextChoices):
    JNE = "jne", "JNE"
    JNT = "jnt", "J&T Express"
    SICEPAT = "sicepat", "SiCepat"
    POS = "pos", "POS Indonesia"


class ShippingService(models.Model):
    """One service level of one courier and the numbers its table rate is computed from.

    cost = base_price + price_per_kg × chargeable kg + price_per_km × distance (whole rupiah).
    """

    courier = models.CharField(_("courier"), max_length=20, choices=Courier)
    name = models.CharField(_("service name"), max_length=80)
    code = models.CharField(_("code"), max_length=20, help_text=_('The courier\'s own code, e.g. "REG".'))
    base_price = models.PositiveIntegerField(_("base price (Rp)"))
    price_per_kg = models.PositiveIntegerField(_("price per kg (Rp)"))
    price_per_km = models.DecimalField(_("price per km (Rp)"), max_digits=8, decimal_places=2, default=0)
    volumetric_divisor = models.PositiveIntegerField(
        _("volumetric divisor"), default=6000, help_text=_("Volumetric kg = L × W × H (cm) ÷ this.")
    )
    rounding_tolerance_grams = models.PositiveIntegerField(
        _("rounding tolerance (g)"),
        default=300,
        help_text=_("Grams over a whole kg that are not charged: with 300, 1.30 kg → 1 kg and 1.31 kg → 2 kg."),
    )
    min_days = models.PositiveSmallIntegerField(_("minimum days"))
    max_days = models.PositiveSmallIntegerField(_("maximum days"))
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shipping service")
        verbose_name_plural = _("shipping services")
        ordering = ["sort_order", "courier", "code"]
        constraints = [
            models.UniqueConstraint(fields=["courier", "code"], name="shippingservice_unique_code"),
            models.CheckConstraint(condition=Q(min_days__lte=F("max_days")), name="shippingservice_days_order"),
            models.CheckConstraint(condition=Q(volumetric_divisor__gt=0), name="shippingservice_divisor_positive"),
            models.CheckConstraint(
                condition=Q(rounding_tolerance_grams__lt=1000), name="shippingservice_tolerance_under_1kg"
            ),
        ]

    def __str__(self):
        return f"{self.get_courier_display()} {self.code}"

    @property
    def label(self) -> str:
        return f"{self.get_courier_display()} {self.name}"


class Destination(models.Model):
    """A city buyers ship to, with the road/sea distance from the store in Bandung."""

    province = models.CharField(_("province"), max_length=60, db_index=True)
    city = models.CharField(_("city"), max_length=80)
    distance_km = models.PositiveIntegerField(_("distance from Bandung (km)"))
    is_capital = models.BooleanField(
        _("provincial capital"), default=False, help_text=_("Used for buyers whose own city is not listed.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    rajaongkir_id = models.CharField(
        _("RajaOngkir destination id"),
        max_length=20,
        blank=True,
        help_text=_("Optional: the live-rate API's id for this city (looked up by name when empty)."),
    )

    class Meta:
        verbose_name = _("destination")
        verbose_name_plural = _("destinations")
        ordering = ["province", "city"]
        constraints = [models.UniqueConstraint(fields=["province", "city"], name="destination_unique_city")]

    def __str__(self):
        return f"{self.city}, {self.province}"
