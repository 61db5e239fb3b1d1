"""Back office for the catalog: products (images, import/export, bulk actions) and the category tree."""

from catalog.admin import categories, products, reviews  # noqa: F401 - registers the ModelAdmins
