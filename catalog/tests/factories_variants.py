"""A product family for tests: a parent and children with option values (through the service)."""

from catalog.models import Product, VariantOptionKind
from catalog.services.variants import OptionSpec, VariantSpec, variant_family_set
from catalog.tests.factories import ProductFactory

FINISHES = [("Sunburst", "#7a3b12"), ("Black", "#1b1b1b"), ("Polar White", "#efece2"), ("Aquatone Blue", "#3f93a8")]


def family_create(*, size: int = 3, prices=None, stocks=None, parent=None, **fields) -> tuple[Product, list[Product]]:
    """A guitar in `size` finishes (colour option); the children share the parent's category."""
    parent = parent or ProductFactory(price=0, stock_quantity=0, **fields)
    children = {}
    for index in range(size):
        finish, swatch = FINISHES[index % len(FINISHES)]
        finish = finish if index < len(FINISHES) else f"{finish} {index}"
        child = ProductFactory(
            name=f"{parent.name} {finish}",
            category=parent.category,
            brand=parent.brand,
            parent=parent,
            price=(prices or [15_000_000 + index * 500_000 for index in range(size)])[index],
            stock_quantity=(stocks or [5] * size)[index],
            length_cm=105,
            width_cm=40,
            height_cm=12,
        )
        children[child] = VariantSpec(label=child.sku, values={"Finish": finish}, swatches={"Finish": swatch})
    variant_family_set(parent=parent, options=[OptionSpec("Finish", VariantOptionKind.COLOUR)], variants=children)
    return parent, list(children)
