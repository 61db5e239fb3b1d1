"""Product families: named options and each variant's value, checked as a whole.

Rules (a family is a parent product with child products, see catalog.selectors.variants):
- every child of a family has exactly one value for every option of the family;
- no two children have the same combination of values;
- a colour option's values carry a swatch (#rrggbb).
`variant_family_check` is the pure rule (the admin's family formset calls it before anything is
saved); `variant_family_set` writes a whole family in one transaction and refuses a broken one.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _

from catalog.models import Product, VariantOption, VariantOptionKind, VariantOptionValue


@dataclass
class OptionSpec:
    name: str
    kind: str = VariantOptionKind.TEXT


@dataclass
class VariantSpec:
    """One child: `values` maps option name → value; `swatches` option name → #rrggbb."""

    label: str
    values: dict[str, str]
    swatches: dict[str, str] = field(default_factory=dict)


def variant_family_check(*, options: list[OptionSpec], variants: list[VariantSpec]) -> None:
    """Raise ValidationError (every problem, one message each) unless the family is consistent."""
    errors = []
    names = [option.name.strip() for option in options]
    if len(set(name.casefold() for name in names)) != len(names):
        errors.append(_("Two options have the same name."))
    if variants and not options:
        errors.append(_("A product with variants needs at least one option (e.g. Finish, Gauge or Size)."))
    seen: dict[tuple, str] = {}
    for variant in variants:
        missing = [name for name in names if not (variant.values.get(name) or "").strip()]
        if missing:
            errors.append(
                _("“%(variant)s” has no value for: %(options)s.")
                % {"variant": variant.label, "options": ", ".join(missing)}
            )
            continue
        for option in options:
            if option.kind == VariantOptionKind.COLOUR and not variant.swatches.get(option.name):
                errors.append(
                    _("“%(variant)s” needs a swatch colour for %(option)s.")
                    % {"variant": variant.label, "option": option.name}
                )
        combination = tuple(variant.values[name].strip().casefold() for name in names)
        if combination in seen:
            errors.append(
                _("“%(variant)s” and “%(other)s” have the same options (%(values)s).")
                % {
                    "variant": variant.label,
                    "other": seen[combination],
                    "values": ", ".join(variant.values[name].strip() for name in names),
                }
            )
        else:
            seen[combination] = variant.label
    if errors:
        raise ValidationError(errors)


def variant_family_validate(*, parent: Product) -> None:
    """Check the family as stored (raises ValidationError)."""
    options = list(parent.variant_options.order_by("position", "id"))
    values = VariantOptionValue.objects.filter(option__product=parent).select_related("option")
    by_variant: dict[int, VariantSpec] = {}
    for child in parent.variants.order_by("id"):
        by_variant[child.pk] = VariantSpec(label=child.sku, values={})
    for value in values:
        spec = by_variant.get(value.variant_id)
        if spec is not None:
            spec.values[value.option.name] = value.value
            spec.swatches[value.option.name] = value.swatch
    variant_family_check(
        options=[OptionSpec(option.name, option.kind) for option in options], variants=list(by_variant.values())
    )


def variant_family_price_sync(*, parent_id: int) -> None:
    """Keep a family parent's own `price` at its cheapest active variant's list price.

    The parent is never sold at it; it is what the list's price filter and price sort (and their
    index) read, so a family sorts and filters where its cheapest option would. Cards show the
    real "from" price (sales included) from the variants themselves."""
    cheapest = Product.objects.filter(parent_id=parent_id, is_active=True).aggregate(price=Min("price"))["price"]
    if cheapest is not None:
        Product.objects.filter(pk=parent_id).exclude(price=cheapest).update(price=cheapest)


@transaction.atomic
def variant_family_set(*, parent: Product, options: list[OptionSpec], variants: dict[Product, VariantSpec]) -> None:
    """Make `variants` (child → its values) the children of `parent` with exactly these options.

    Options are matched by name (kept, updated or created; those not listed are deleted with their
    values); each child's values are replaced. Raises ValidationError and writes nothing when the
    family would break the rules."""
    if parent.parent_id:
        raise ValidationError(_("A variant cannot have variants of its own."))
    specs = list(variants.values())
    variant_family_check(options=options, variants=specs)
    existing = {option.name: option for option in parent.variant_options.all()}
    kept = {}
    for position, spec in enumerate(options):
        option = existing.get(spec.name) or VariantOption(product=parent, name=spec.name)
        option.kind, option.position = spec.kind, position
        option.save()
        kept[spec.name] = option
    parent.variant_options.exclude(pk__in=[option.pk for option in kept.values()]).delete()
    for child, spec in variants.items():
        if child.parent_id != parent.pk:
            Product.objects.filter(pk=child.pk).update(parent=parent)
            child.parent_id = parent.pk
        VariantOptionValue.objects.filter(variant=child).delete()
        VariantOptionValue.objects.bulk_create(
            VariantOptionValue(
                option=kept[name], variant=child, value=value.strip(), swatch=spec.swatches.get(name, "")
            )
            for name, value in spec.values.items()
            if name in kept
        )
    variant_family_validate(parent=parent)
    variant_family_price_sync(parent_id=parent.pk)
