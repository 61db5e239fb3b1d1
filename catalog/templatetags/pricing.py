"""`{% price_for product as price %}` and `{% price_block product %}`: the storefront's one way to show a price."""

from django import template

from catalog.pricing import product_price

register = template.Library()


@register.simple_tag
def price_for(product):
    return product_price(product)


@register.inclusion_tag("catalog/partials/price.html")
def price_block(product, size="card"):
    """The price with, during a sale, the old price struck through and the percentage off; a flash
    sale adds its countdown on the product page (`size="detail"`)."""
    return {"price": product_price(product), "size": size}


@register.simple_tag
def family_for(product):
    """`{% family_for product as family %}`: a family's "from" price and option count (None for an
    ordinary product); read from the list selectors' prefetch, no query."""
    from catalog.selectors.variants import family_summary

    return family_summary(product)
