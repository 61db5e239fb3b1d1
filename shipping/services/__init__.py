"""Shipping services. Import from here: `from shipping.services import shipping_quote`."""

from shipping.services.quote import (
    ShippingQuote,
    chargeable_grams,
    chargeable_kg,
    shipping_quote,
    shipping_quote_for_service,
)

__all__ = ["ShippingQuote", "chargeable_grams", "chargeable_kg", "shipping_quote", "shipping_quote_for_service"]
