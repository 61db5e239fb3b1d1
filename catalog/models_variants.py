"""Named options of a product family (finish, string gauge, size) and each variant's value.

A *family* is a parent product with child products (`Product.parent`); the children are the
purchasable units. `VariantOption` names one way the children differ ("Finish", kind colour);
`VariantOptionValue` says what one child is for that option ("Sunburst", swatch #8b3a1a). The rule
that every child has exactly one value per option and no two children share a combination is
checked by catalog.services.variants (the database holds the one-value-per-option part).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class VariantOptionKind(models.TextChoices):
    TEXT = "text", _("Text")
    COLOUR = "colour", _("Colour (swatches)")


class VariantOption(models.Model):
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="variant_options"
    )
    name = models.CharField(_("option name"), max_length=60, help_text=_("E.g. Finish, String gauge, Size."))
    kind = models.CharField(_("kind"), max_length=10, choices=VariantOptionKind, default=VariantOptionKind.TEXT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("variant option")
        verbose_name_plural = _("variant options")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["product", "name"], name="variant_option_unique_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_colour(self) -> bool:
        return self.kind == VariantOptionKind.COLOUR


class VariantOptionValue(models.Model):
    option = models.ForeignKey(VariantOption, verbose_name=_("option"), on_delete=models.CASCADE, related_name="values")
    variant = models.ForeignKey(
        "catalog.Product", verbose_name=_("variant"), on_delete=models.CASCADE, related_name="option_values"
    )
    value = models.CharField(_("value"), max_length=60)
    swatch = models.CharField(
        _("swatch colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour as #rrggbb."))],
        help_text=_("For colour options: #rrggbb."),
    )

    class Meta:
        verbose_name = _("variant option value")
        verbose_name_plural = _("variant option values")
        ordering = ["option__position", "option_id"]
        constraints = [
            models.UniqueConstraint(fields=["option", "variant"], name="variant_value_one_per_option"),
        ]

    def __str__(self):
        return f"{self.option.name}: {self.value}"
