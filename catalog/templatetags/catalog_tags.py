"""Template helpers for the storefront."""

from django import template

register = template.Library()


@register.filter
def elided_pages(paginator, number):
    """Page numbers around the current page with … gaps (Paginator.get_elided_page_range)."""
    return paginator.get_elided_page_range(number, on_each_side=1, on_ends=1)
