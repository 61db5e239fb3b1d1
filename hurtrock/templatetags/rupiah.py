"""`{{ amount|rupiah }}` → "Rp 1.250.000": the one way money is shown (whole rupiah, dot groups)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def format_rupiah(amount) -> str:
    try:
        value = int(Decimal(amount).quantize(Decimal(1)))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


register.filter("rupiah", format_rupiah)
