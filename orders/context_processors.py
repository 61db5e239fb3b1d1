from django.utils.functional import SimpleLazyObject

from orders.cart import cart_for_request


def cart(request):
    """`cart_count` for the navbar: units in the cart, computed only when a template reads it."""
    return {"cart_count": SimpleLazyObject(lambda: cart_for_request(request).count())}
