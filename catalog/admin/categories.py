"""The category tree in the back office: listed depth-first and indented, cycles refused."""

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalog.admin.widgets import CategoryTreeChoiceField
from catalog.forms import CategoryAdminForm
from catalog.models import Category
from catalog.selectors import category_tree_path_annotation, category_tree_path_depth


class CategoryTreeChangeList(ChangeList):
    """Lists the tree depth-first unless a column header asks for another order.

    (Not via ModelAdmin.ordering: other admins' category filters order their choices by it, and
    `tree_path` only exists on this admin's queryset.)
    """

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            return super().get_ordering(request, queryset)
        return ["tree_path", "pk"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryAdminForm
    list_display = ("tree_name", "slug", "product_count", "is_active", "sort_order")
    list_editable = ("is_active", "sort_order")
    list_filter = ("is_active",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = 200

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(tree_path=category_tree_path_annotation(), product_count=Count("products"))
        )

    def get_changelist(self, request, **kwargs):
        return CategoryTreeChangeList

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            return CategoryTreeChoiceField(label=db_field.verbose_name, required=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("category"), ordering="tree_path")
    def tree_name(self, obj):
        depth = category_tree_path_depth(obj.tree_path)
        return format_html('<span style="padding-left:{}rem">{}{}</span>', depth * 1.5, "↳ " if depth else "", obj.name)

    @admin.display(description=_("products"), ordering="product_count")
    def product_count(self, obj):
        return obj.product_count
