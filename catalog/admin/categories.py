"""The category tree in the back office: listed depth-first and indented, cycles refused."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalog.admin.widgets import CategoryTreeChoiceField
from catalog.forms import CategoryAdminForm
from catalog.models import Category
from catalog.selectors import category_tree_path_annotation
from catalog.selectors.categories import TREE_KEY_WIDTH


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
        # Annotate before ordering (ModelAdmin.get_queryset would order by tree_path first).
        return (
            self.model._default_manager.get_queryset()
            .annotate(tree_path=category_tree_path_annotation(), product_count=Count("products"))
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        return ["tree_path"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            return CategoryTreeChoiceField(label=db_field.verbose_name, required=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("category"), ordering="tree_path")
    def tree_name(self, obj):
        depth = max(len(obj.tree_path or "") // TREE_KEY_WIDTH - 1, 0)
        return format_html('<span style="padding-left:{}rem">{}{}</span>', depth * 1.5, "↳ " if depth else "", obj.name)

    @admin.display(description=_("products"), ordering="product_count")
    def product_count(self, obj):
        return obj.product_count
