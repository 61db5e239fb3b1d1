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


def format_decimal(value, places: int = 1) -> str:
    """Indonesian decimal notation: 1.234,5 (dots group thousands, a comma before the decimals)."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{number:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


register.filter("rupiah", format_rupiah)
register.filter("decimal_id", format_decimal)
