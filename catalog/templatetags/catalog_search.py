"""`search_highlight`: a product name with the searched words in <mark>, escaped everywhere else."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def search_highlight(text, terms):
    """Wrap each occurrence of a term (case-insensitive, at a word start) in <mark>; all text escaped."""
    text = str(text)
    terms = sorted({term for term in terms or () if term}, key=len, reverse=True)
    if not terms:
        return escape(text)
    pattern = re.compile(r"(?<![^\W_])(" + "|".join(re.escape(term) for term in terms) + ")", re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above
