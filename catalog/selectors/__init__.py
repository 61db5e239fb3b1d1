"""Reads of the catalog: querysets with their prefetches, the category tree, search."""

from catalog.selectors.categories import (
    CategoryNode,
    category_ancestors,
    category_choices,
    category_descendant_ids,
    category_descendants_subquery,
    category_roots,
    category_tree,
    category_tree_path_annotation,
    category_tree_path_depth,
    category_visible_subquery,
)
from catalog.selectors.products import (
    main_image_prefetch,
    product_brand_list,
    product_featured_list,
    product_get_for_detail,
    product_is_visible,
    product_list_queryset,
    product_new_arrivals,
    product_related,
    product_variants,
    product_visible_queryset,
)
from catalog.selectors.search import product_search, product_suggestions, search_query_clean

__all__ = [
    "CategoryNode",
    "category_ancestors",
    "category_choices",
    "category_descendant_ids",
    "category_descendants_subquery",
    "category_roots",
    "category_tree",
    "category_tree_path_annotation",
    "category_tree_path_depth",
    "category_visible_subquery",
    "main_image_prefetch",
    "product_brand_list",
    "product_featured_list",
    "product_get_for_detail",
    "product_is_visible",
    "product_list_queryset",
    "product_new_arrivals",
    "product_related",
    "product_search",
    "product_suggestions",
    "product_variants",
    "product_visible_queryset",
    "search_query_clean",
]
