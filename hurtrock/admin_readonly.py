"""Read-only admin building blocks: records that are written by services, never edited by hand
(ledgers, gateway records, logs, returns), shown in the admin without add, change or delete."""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """For a ModelAdmin: nobody adds, changes or deletes through it (viewing follows the permissions)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows of a parent shown as a table, never added, changed or deleted there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
