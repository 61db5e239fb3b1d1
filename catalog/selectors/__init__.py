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
)
from catalog.selectors.products import (
    main_image_prefetch,
    product_brand_list,
    product_featured_list,
    product_get_for_detail,
    product_list_queryset,
    product_new_arrivals,
    product_related,
    product_variants,
    product_visible_queryset,
)
from catalog.selectors.search import (
    SearchResult,
    product_search,
    product_suggestions,
    search_highlight_terms,
    search_query_clean,
    search_run,
)

__all__ = [
    "CategoryNode",
    "SearchResult",
    "category_ancestors",
    "category_choices",
    "category_descendant_ids",
    "category_descendants_subquery",
    "category_roots",
    "category_tree",
    "category_tree_path_annotation",
    "category_tree_path_depth",
    "main_image_prefetch",
    "product_brand_list",
    "product_featured_list",
    "product_get_for_detail",
    "product_list_queryset",
    "product_new_arrivals",
    "product_related",
    "product_search",
    "product_suggestions",
    "product_variants",
    "product_visible_queryset",
    "search_highlight_terms",
    "search_query_clean",
    "search_run",
]
