"""Back office for search: the synonym table (edited by staff) and the vocabulary (read-only)."""

from django.contrib import admin

from catalog.search_models import SearchTerm, SynonymGroup


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    list_display = ["words", "note"]
    search_fields = ["words", "note"]


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    """What the typo correction knows; rebuilt by `manage.py search_vocabulary_rebuild`."""

    list_display = ["word", "frequency", "synonyms"]
    search_fields = ["word"]
    list_per_page = 100
    readonly_fields = ["word", "letters", "frequency", "synonyms"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
