"""Reads of the category tree (adjacency list + recursive CTEs, same SQL on PostgreSQL and SQLite).

A tree library (django-treebeard, django-mptt) would add bookkeeping columns and a second notion of
"parent"; with a few dozen categories a recursive query per request is cheaper to keep correct.
UNION (not UNION ALL) and a depth cap (MAX_DEPTH = 20, written into the SQL) keep every query
finite even if bad data made a cycle.
"""

from dataclasses import dataclass

from django.db.models import CharField
from django.db.models.expressions import RawSQL

from catalog.models import Category

MAX_DEPTH = 20

_DESCENDANTS_SQL = """
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM catalog_category WHERE {column} = %s
        UNION
        SELECT child.id FROM catalog_category child INNER JOIN tree ON child.parent_id = tree.id
    )
    SELECT id FROM tree
"""
_DESCENDANTS_OF_ID_SQL = _DESCENDANTS_SQL.format(column="id")
_DESCENDANTS_OF_SLUG_SQL = _DESCENDANTS_SQL.format(column="slug")

_ANCESTORS_SQL = """
    WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM catalog_category WHERE id = %s
        UNION
        SELECT parent.id, parent.parent_id, up.depth + 1
        FROM catalog_category parent INNER JOIN up ON parent.id = up.parent_id
        WHERE up.depth < 20
    )
    SELECT catalog_category.* FROM catalog_category INNER JOIN up ON up.id = catalog_category.id
    ORDER BY up.depth DESC
"""

# One fixed-width key per level (sort order, then id) from the root down: ordering by it lists the
# tree depth-first, siblings by their sort order. 16 characters per level.
TREE_KEY_WIDTH = 16
_TREE_PATH_SQL = """
    (WITH RECURSIVE up(id, parent_id, path, depth) AS (
        SELECT c.id, c.parent_id,
               CAST(c.sort_order + 100000 AS TEXT) || CAST(c.id + 1000000000 AS TEXT), 0
        FROM catalog_category c WHERE c.id = catalog_category.id
        UNION ALL
        SELECT p.id, p.parent_id,
               CAST(p.sort_order + 100000 AS TEXT) || CAST(p.id + 1000000000 AS TEXT) || up.path, up.depth + 1
        FROM catalog_category p INNER JOIN up ON p.id = up.parent_id
        WHERE up.depth < 20
    )
    SELECT path FROM up ORDER BY depth DESC LIMIT 1)
"""


def category_descendants_subquery(*, slug: str | None = None, category_id: int | None = None) -> RawSQL:
    """`SELECT id` of a category and everything under it, for `category_id__in=`."""
    if slug is not None:
        return RawSQL(_DESCENDANTS_OF_SLUG_SQL, [slug])  # noqa: S611 - constant SQL, value as a parameter
    return RawSQL(_DESCENDANTS_OF_ID_SQL, [category_id])  # noqa: S611 - constant SQL, value as a parameter


# Categories a shopper may see: active, and every category up their tree active too. Walked from the
# active roots down through active children only, so one inactive ancestor hides its whole subtree.
_VISIBLE_SQL = """
    WITH RECURSIVE visible(id, depth) AS (
        SELECT id, 0 FROM catalog_category WHERE parent_id IS NULL AND is_active
        UNION
        SELECT child.id, visible.depth + 1
        FROM catalog_category child INNER JOIN visible ON child.parent_id = visible.id
        WHERE child.is_active AND visible.depth < 20
    )
    SELECT id FROM visible
"""


def category_visible_subquery() -> RawSQL:
    """`SELECT id` of every visible category (active with every ancestor active), for `category_id__in=`."""
    return RawSQL(_VISIBLE_SQL, [])  # noqa: S611 - constant SQL without values


def category_descendant_ids(*, category_id: int) -> set[int]:
    """The ids of a category and all its descendants (used to refuse moves that would make a cycle)."""
    return set(
        Category.objects.filter(id__in=category_descendants_subquery(category_id=category_id)).values_list(
            "id", flat=True
        )
    )


def category_ancestors(*, category_id: int) -> list[Category]:
    """The path from the root to this category, root first (breadcrumbs)."""
    return list(Category.objects.raw(_ANCESTORS_SQL, [category_id]))


def category_tree_path_annotation() -> RawSQL:
    """A per-row expression ordering categories depth-first (the admin's tree list)."""
    return RawSQL(_TREE_PATH_SQL, [], output_field=CharField())  # noqa: S611 - constant SQL


def category_tree_path_depth(tree_path: str | None) -> int:
    """The depth (0 for a root) of a category from its `category_tree_path_annotation()` value."""
    return max(len(tree_path or "") // TREE_KEY_WIDTH - 1, 0)


@dataclass
class CategoryNode:
    category: Category
    depth: int

    @property
    def slug(self) -> str:
        return self.category.slug

    @property
    def name(self) -> str:
        return self.category.name


def category_tree(*, active_only: bool = True) -> list[CategoryNode]:
    """The whole tree in one query, flattened depth-first (roots in order, each followed by its subtree).

    An inactive category hides its whole subtree.
    """
    categories = list(Category.objects.filter(is_active=True) if active_only else Category.objects.all())
    by_parent: dict[int | None, list[Category]] = {}
    known = {category.pk for category in categories}
    for category in categories:  # already ordered by sort_order, name
        parent = category.parent_id if category.parent_id in known else None
        if category.parent_id is not None and parent is None and active_only:
            continue  # its parent is inactive: hidden
        by_parent.setdefault(parent, []).append(category)

    flat: list[CategoryNode] = []
    seen: set[int] = set()

    def walk(parent_id, depth):
        for category in by_parent.get(parent_id, []):
            if category.pk in seen or depth > MAX_DEPTH:
                continue
            seen.add(category.pk)
            flat.append(CategoryNode(category=category, depth=depth))
            walk(category.pk, depth + 1)

    walk(None, 0)
    return flat


def category_choices(tree: list[CategoryNode]) -> list[tuple[str, str]]:
    """(slug, indented name) pairs for a select box."""
    return [(node.slug, f"{'— ' * node.depth}{node.name}") for node in tree]


def category_roots(tree: list[CategoryNode]) -> list[CategoryNode]:
    return [node for node in tree if node.depth == 0]
