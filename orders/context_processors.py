from django.utils.functional import SimpleLazyObject

from orders.cart import cart_for_request


def _count(request) -> int:
    user = getattr(request, "user", None)
    if not hasattr(request, "session") and not (user is not None and user.is_authenticated):
        return 0  # an error page rendered before the session middleware ran
    return cart_for_request(request).count()


def cart(request):
    """`cart_count` for the navbar: units in the cart, computed only when a template reads it."""
    return {"cart_count": SimpleLazyObject(lambda: _count(request))}
