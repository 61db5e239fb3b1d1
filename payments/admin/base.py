"""Shared pieces of the payments back office: the admins-only test and the read-only bases."""

from django.contrib import admin

from hurtrock.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline

__all__ = ["ReadOnlyAdmin", "ReadOnlyInline", "_admins_only"]


def _admins_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Gateway records are written by the payment services only."""
