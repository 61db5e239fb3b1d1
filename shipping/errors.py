"""Domain errors of shipping: raised by the quote services, shown to buyers as clear messages."""

from django.utils.translation import gettext


class ShippingError(Exception):
    """A quote that cannot be computed."""


class MissingDimensions(ShippingError):
    """A product without weight or dimensions cannot be priced (the catalog must fill them in)."""

    def __init__(self, product):
        self.product = product
        super().__init__(
            gettext("%(product)s has no weight or dimensions, so shipping cannot be calculated.") % {"product": product}
        )


class UnknownDestination(ShippingError):
    """The buyer's city is not in the destination table (or is switched off)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or gettext("We do not ship to this city yet. Please check the city in your profile."))


class RateProviderError(ShippingError):
    """The live-rate API failed (timeout, HTTP error, unexpected answer): the table rates are used."""
