"""Small admin helpers: tree-indented category choices and thumbnails."""

from django import forms
from django.utils.html import format_html

from catalog.models import Category
from catalog.selectors import category_tree_path_annotation, category_tree_path_depth


class CategoryTreeChoiceField(forms.ModelChoiceField):
    """Categories in tree order, indented by depth (one query)."""

    def __init__(self, *args, **kwargs):
        kwargs["queryset"] = Category.objects.annotate(tree_path=category_tree_path_annotation()).order_by("tree_path")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        depth = category_tree_path_depth(getattr(obj, "tree_path", None))
        suffix = "" if obj.is_active else " (–)"
        return f"{'— ' * depth}{obj.name}{suffix}"


def thumbnail_html(image, size: int = 48):
    if image is None:
        return "—"
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" style="object-fit:contain" loading="lazy">',
        image.thumbnail.url,
        size,
        size,
    )
