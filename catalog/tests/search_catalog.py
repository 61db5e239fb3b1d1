"""The sample catalog for search tests: the real category tree and products 1…N of the sample data
(catalog/sample_data/generate.py, always the same), bulk-created without pictures."""

from catalog.models import Category, Product
from catalog.sample_data.content import CATEGORIES
from catalog.sample_data.generate import product_spec
from catalog.services.products import product_slug
from catalog.services.search import search_vocabulary_rebuild


def search_catalog_make(size: int) -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for order, (slug, name, parent, description) in enumerate(CATEGORIES):
        categories[slug] = Category.objects.create(
            slug=slug, name=name, parent=categories.get(parent), description=description, sort_order=order
        )
    batch = []
    for number in range(1, size + 1):
        spec = product_spec(number)
        batch.append(
            Product(
                sku=spec.sku,
                name=spec.name,
                slug=product_slug(spec.name),
                brand=spec.brand,
                model_name=spec.model_name,
                description=spec.description,
                specifications=spec.specifications,
                price=spec.price,
                stock_quantity=spec.stock_quantity,
                category=categories[spec.category_slug],
                units_sold=spec.units_sold,
            )
        )
    Product.objects.bulk_create(batch, batch_size=2000)
    search_vocabulary_rebuild()
    return categories
